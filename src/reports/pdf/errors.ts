/**
 * A document that cannot be built from what it was given, with a message a person can act on:
 * a customer proposal without a customer or for an id the scenario does not have, a quote with
 * errors (each listed), a quote of another scenario or table, a logo that is not an image.
 */
export class DocumentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentInputError';
  }
}
