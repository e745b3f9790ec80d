import { IconLockHeart } from '@tabler/icons-react'
import { ComingSoon } from '../../app/coming-soon.tsx'

export function SecretsPage() {
  return (
    <ComingSoon
      title="Secrets"
      icon={<IconLockHeart size={26} stroke={1.6} />}
      lead="Every competitor serves the needs layer. Your advantage is the secrets layer: what each individual customer wants, covets and dreams of."
      emptyTitle="No secrets recorded yet"
      emptyText="When your secret agents start recording what they hear, each secret appears here the moment it is captured, with who heard it, when and how sure they are."
      features={[
        {
          title: 'Ask, listen, record, ask again',
          text: 'A capture flow built on the gathering loop: suggested next questions that favour empty categories, one-keystroke record, next.',
        },
        {
          title: 'Needs vs secrets',
          text: 'Every fact has a layer. Secrets are sorted into categories such as dreams, hopes, fears, family priorities and recreation preferences.',
        },
        {
          title: 'A live feed',
          text: 'New secrets reach service and marketing as they are recorded, not in a periodic report.',
        },
        {
          title: 'Privacy by design',
          text: 'Secrets belong to one person or one organisation, never a segment. Sensitive categories are refused or flagged, and every read is audited.',
        },
      ]}
      audience={{
        sales: 'Record what you heard in seconds, during or right after the meeting.',
        marketing: 'Find every customer with a given secret (“who loves Pinot Noir?”) and build an audience.',
        service: 'See the secrets behind a fitting, personal surprise.',
        admin: 'Add secret categories that fit your business.',
      }}
    />
  )
}
