/** What the client knows of an operation (generated from the catalogue into `generated/operations.ts`). */
export interface OperationInfo {
  /** Wire name (`CreateImage`). */
  readonly name: string;
  /** Method name (`createImage`). */
  readonly method: string;
  /** It creates something: a `clientToken` is generated when the caller gives none, so retries never create twice. */
  readonly idempotent: boolean;
  readonly pagination: { readonly style: 'page' | 'token'; readonly items: string } | null;
}
