import type { CustomerRow } from './customer-import.ts'
import type { CustomersPort } from './ports.ts'
import type { RowProblem } from './purchase-import.ts'

/** What a customers file needs of the workspace's customers, beyond what the API uses. */
export interface CustomerImportPort
  extends Pick<CustomersPort, 'create' | 'update' | 'addPerson' | 'addRelation'> {
  customerIdByExternalId(externalId: string): Promise<string | undefined>
  /** the customer's person of this name (any case), if they have one */
  personByName(customerId: string, name: string): Promise<{ id: string } | undefined>
  hasRelation(customerId: string, kind: string, name: string): Promise<boolean>
}

/**
 * One row of a customers file into the workspace (the bulk variant of createCustomer and
 * changeCustomer: value figures are worked out and the import audited once, after the file):
 * keyed by its external id — a customer on file is updated, so the id stays one customer's — its
 * owner a member found by email, its contact and family added once, however often the file is
 * imported.
 */
export const importCustomerRow = async (
  deps: { customers: CustomerImportPort },
  row: CustomerRow,
  ctx: {
    /** the member with this email, if any */
    ownerIdOf: (email: string) => string | undefined
    /** the currency of a customer the file brings in */
    currency: string
    headerOf: (f: 'ownerEmail') => string
  },
): Promise<{ kind: 'error'; problems: RowProblem[] } | { kind: 'added' | 'updated'; customerId: string }> => {
  const { customers } = deps
  const ownerUserId = row.ownerEmail ? ctx.ownerIdOf(row.ownerEmail) : null
  // a customer's owner is one of the workspace's people (as in the API)
  if (row.ownerEmail && !ownerUserId) {
    return {
      kind: 'error',
      problems: [
        {
          column: ctx.headerOf('ownerEmail'),
          reason: `no member of this workspace has the email ${row.ownerEmail}`,
        },
      ],
    }
  }
  const fields = {
    name: row.name,
    kind: row.kind,
    segment: row.segment,
    country: row.country,
    notes: row.notes,
    estimatedCategorySpend: row.estimatedCategorySpend,
    ...(ownerUserId ? { ownerUserId } : {}),
  }
  const existing = await customers.customerIdByExternalId(row.externalId)
  const customerId =
    existing ?? (await customers.create({ ...fields, externalId: row.externalId, currency: ctx.currency }))
  if (existing) await customers.update(existing, fields)
  let personId: string | null = null
  if (row.person) {
    personId =
      (await customers.personByName(customerId, row.person.name))?.id ??
      (await customers.addPerson(customerId, row.person)).id
  }
  for (const f of row.family) {
    if (!(await customers.hasRelation(customerId, f.kind, f.name))) {
      await customers.addRelation(customerId, { personId, ...f })
    }
  }
  return { kind: existing ? 'updated' : 'added', customerId }
}
