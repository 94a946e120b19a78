/** An expected business failure of a write: the input was valid but Wix (or the gateway) refused the action. */
export interface UserError {
  /** Dotted path of the input field the error is about (e.g. `input.siteId`); null for the request as a whole. */
  field: string | null;
  message: string;
  /** Wix's error code where Wix gave one, else a gateway code (e.g. IDEMPOTENCY_CONFLICT). */
  code: string;
}
