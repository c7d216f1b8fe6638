/** A translation tree: nested objects whose leaves are i18next strings. */
export interface Messages {
  [key: string]: string | Messages;
}
