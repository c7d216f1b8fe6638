// What a new password must be: 10–256 characters (counted as characters a person sees, not UTF-16 units), no
// control characters, and not guessable: zxcvbn-ts with its shipped, offline common-password and keyboard lists
// (@zxcvbn-ts/language-common) must estimate at least 10^8 guesses (score 3), so "password123", "1234567890",
// "qwertyuiop" or ten spaces are refused while a few words in a row ("correct horse battery 42") pass.
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { invalid } from '../kernel/errors.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
/** zxcvbn's score 3: about 10^8 guesses or more. */
const MIN_SCORE = 3;

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/** Throws a 400 naming `path` when the password may not be set; says what to do instead. */
export function checkPasswordPolicy(password: string, path = 'password'): void {
  const characters = [...password].length;
  if (characters < PASSWORD_MIN) throw invalid(`Password needs at least ${PASSWORD_MIN} characters`, path);
  if (password.length > PASSWORD_MAX) throw invalid(`Password may have at most ${PASSWORD_MAX} characters`, path);
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(password)) throw invalid('Password may not contain control characters', path);
  if (password.trim().length === 0) throw invalid('Password may not be only spaces', path);
  if (zxcvbn(password).score < MIN_SCORE) {
    throw invalid(
      'Password is too common or too easy to guess (e.g. a known password, a sequence or a keyboard row); ' +
        'a few unrelated words in a row are easy to remember and hard to guess',
      path,
      'password_too_weak',
    );
  }
}
