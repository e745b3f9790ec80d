import { IconAddressBook } from '@tabler/icons-react'
import { ComingSoon } from '../../app/coming-soon.tsx'

export function CustomersPage() {
  return (
    <ComingSoon
      title="Customers"
      icon={<IconAddressBook size={26} stroke={1.6} />}
      lead="Know the customers who matter by name, spouse and children: what they buy, what they spend, and what they dream of."
      emptyTitle="No customers yet"
      emptyText="Customers arrive here by import or as your team records them. Nothing has been added to this workspace yet."
      features={[
        {
          title: 'The precious few',
          text: 'Every customer’s spend and purchases, ranked into value tiers, so you can see the few that give 80 % of revenue.',
        },
        {
          title: 'A secrets manual per key customer',
          text: 'A living document: every secret by category, family and key people, purchases, open and past recoveries, and coverage gaps.',
        },
        {
          title: 'Relationship depth',
          text: 'The four clues per key account: strategic planning invitations, an office on their premises, no RFPs, and never being called “a salesperson”.',
        },
        {
          title: 'Wallet share and concentration',
          text: 'Where your share of the wallet is low, and the risk when too much revenue comes from too few customers.',
        },
      ]}
      audience={{
        sales: 'Before a meeting, see what is known about the customer and the next questions to ask.',
        service: 'Answer “what secrets do we know about this customer?” the moment an OOPS! lands.',
        leader:
          'Choose whom to serve: the customer group whose latent potential can deliver the growth goal.',
        admin: 'Import customers, set value tiers and keep the data clean and exportable.',
      }}
    />
  )
}
