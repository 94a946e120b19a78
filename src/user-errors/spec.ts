/** A readable message and the input field a Wix error code is about (null: the request as a whole). */
export interface UserErrorSpec {
  message: string;
  field: string | null;
  /** The stable code to report when Wix's own code is not a clean identifier (e.g. `Invalid domain`). */
  code?: string;
}
