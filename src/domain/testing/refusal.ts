import { DomainError } from '../errors.ts'

/** For the domain's unit tests: the code a use-case refused with; fails when it did not refuse. */
export const refusal = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
  throw new Error('expected a refusal')
}
