/**
 * The customer's main person, whom an OOPS! affects unless the reporter says otherwise: the first
 * person recorded who has an email address (so the messages and the "did we blow you away?" link
 * can reach someone), else the first person recorded. None when the customer has no people.
 */
export const mainPersonOf = <P extends { hasEmail: boolean }>(people: readonly P[]): P | undefined =>
  people.find((p) => p.hasEmail) ?? people[0]
