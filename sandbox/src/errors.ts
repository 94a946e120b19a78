/**
 * Wix error bodies exactly as CONTRACT §0.2: applicationError for business rejections, validationError for field
 * rules, and an empty body for 5xx system errors. Route handlers throw {@link WixHttpError}; the server serialises it.
 */
export interface FieldViolation {
  field: string;
  description: string;
  violatedRule: string;
  ruleName?: string;
  data?: Record<string, unknown>;
}

export interface WixErrorBody {
  message: string;
  details: {
    applicationError?: { code: string; description: string; data?: Record<string, unknown> };
    validationError?: { fieldViolations: FieldViolation[] };
  };
}

/** An error answer of the sandbox: HTTP status plus a body of the contract's shape. */
export class WixHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: WixErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message || `HTTP ${status}`);
  }
}

/** A business rejection: `details.applicationError.code` carries the Wix code. */
export function appError(status: number, code: string, message: string, data?: Record<string, unknown>): WixHttpError {
  const applicationError = data ? { code, description: message, data } : { code, description: message };
  return new WixHttpError(status, { message, details: { applicationError } });
}

/** An input validation failure (HTTP 400) with one or more field violations. */
export function validationError(violations: FieldViolation[], message?: string): WixHttpError {
  const text = message ?? violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return new WixHttpError(400, { message: text, details: { validationError: { fieldViolations: violations } } });
}

/** Shorthand for a single violation. */
export function invalidField(field: string, description: string, violatedRule = 'CUSTOM'): WixHttpError {
  return validationError([{ field, description, violatedRule }]);
}

/** A 5xx "system error": intentionally empty, as Wix sends it. */
export function systemError(status = 500, headers: Record<string, string> = {}): WixHttpError {
  return new WixHttpError(status, { message: '', details: {} }, headers);
}
