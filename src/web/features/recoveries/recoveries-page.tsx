import { IconLifebuoy } from '@tabler/icons-react'
import { ComingSoon } from '../../app/coming-soon.tsx'

export function RecoveriesPage() {
  return (
    <ComingSoon
      title="Recoveries"
      icon={<IconLifebuoy size={26} stroke={1.6} />}
      lead="When you screw up, fix it within 24 hours and surprise the customer with something personal. Done well, they end up more loyal than if nothing had gone wrong."
      emptyTitle="No OOPS! logged yet"
      emptyText="When a promise is broken, a delivery is late or a bill is wrong, the person in front of the customer logs an OOPS! here and the 24-hour clock starts."
      features={[
        {
          title: 'The 24-hour clock',
          text: 'Starts when the OOPS! is reported. A recovery is dazzling only if both the fix and the surprise are done inside the window.',
        },
        {
          title: 'Fix + surprise',
          text: 'Surprise suggestions drawn from this customer’s secrets, each saying why, within the budget of their recovery plan. Never boilerplate.',
        },
        {
          title: 'Hyper-communication',
          text: 'Contact, follow-ups, status reports and the final resolution on record, with reminders when an update is due and escalation before the clock runs out.',
        },
        {
          title: '“Did we blow you away?”',
          text: 'A one-time link asks the customer to rate the recovery on a WOW scale, and loyalty is compared before and after.',
        },
      ]}
      audience={{
        service: 'Own the recovery from the moment it happens: log it, watch the clock, close within 24 h.',
        sales:
          'Service recovery is part of your behavioural charter: log the OOPS! your customer tells you about.',
        leader: 'See every open clock and who owns it.',
        admin: 'Set recovery plans and investment caps per value tier, and the surprise catalogue.',
      }}
    />
  )
}
