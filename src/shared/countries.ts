// The countries Corridor accepts: the officially assigned ISO 3166-1 alpha-2 codes in force (249), plus XK for
// Kosovo (a user-assigned code that the EU, CLDR and most European administrations use; ISO has no code for it).
// Withdrawn codes (DD East Germany, CS Serbia and Montenegro, YD South Yemen, SU, YU, ZR, TP, AN…) are not here:
// CLDR still names them ("Germany", "Serbia", "Yemen"), so a list built from CLDR offered them twice and a vacancy
// "in Germany" could be stored as DD and never meet a German permit. One list, used by the server's validation and
// by the web app's country pickers. Pure data: the web bundle imports it.

export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
  'DE DJ DK DM DO DZ ' +
  'EC EE EG EH ER ES ET ' +
  'FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY ' +
  'HK HM HN HR HT HU ' +
  'ID IE IL IM IN IO IQ IR IS IT ' +
  'JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ ' +
  'LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
  'NA NC NE NF NG NI NL NO NP NR NU NZ ' +
  'OM ' +
  'PA PE PF PG PH PK PL PM PN PR PS PT PW PY ' +
  'QA ' +
  'RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
  'UA UG UM US UY UZ ' +
  'VA VC VE VG VI VN VU ' +
  'WF WS ' +
  'XK ' +
  'YE YT ' +
  'ZA ZM ZW'
).split(' ');

/** Codes ISO withdrew, with the code(s) that replaced them: for a message that helps the person correct it. */
export const WITHDRAWN_COUNTRY_CODES: Readonly<Record<string, readonly string[]>> = {
  AN: ['BQ', 'CW', 'SX'],
  BU: ['MM'],
  CS: ['RS', 'ME'],
  DD: ['DE'],
  FX: ['FR'],
  NT: ['IQ', 'SA'],
  SU: ['RU', 'UA', 'BY', 'MD', 'GE', 'AM', 'AZ', 'KZ', 'KG', 'TJ', 'TM', 'UZ', 'EE', 'LV', 'LT'],
  TP: ['TL'],
  YD: ['YE'],
  YU: ['RS', 'ME'],
  ZR: ['CD'],
};

const CURRENT = new Set(COUNTRY_CODES);

export function isCurrentCountry(code: string): boolean {
  return CURRENT.has(code);
}

/** ISO 3166 user-assigned code for a country not known yet (a profile before the person says where they are from). */
export const UNKNOWN_COUNTRY_CODE = 'ZZ';
