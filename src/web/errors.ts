import { ApiError } from './api.js';

/** Translation key (under `errors.`) for a failed call, so people see a reason in their language. */
export function errorKey(err: unknown): string {
  if (!(err instanceof ApiError)) return 'errors.server';
  switch (err.status) {
    case 0:
      return 'errors.network';
    case 401:
      return 'errors.unauthorised';
    case 403:
      return 'errors.forbidden';
    case 404:
      return 'errors.notFound';
    case 400:
    case 422:
      return 'errors.invalid';
    case 429:
      return 'errors.rateLimited';
    default:
      return 'errors.server';
  }
}
