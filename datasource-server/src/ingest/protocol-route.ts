// Pieces shared by the Loki and OTLP routes: the request's media type.

/**
 * The media type of a Content-Type header, lower-cased and without parameters; '' when absent.
 *
 * @example mediaType('Application/JSON; charset=utf-8') // => 'application/json'
 */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
