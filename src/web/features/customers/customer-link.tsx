import { Anchor, type AnchorProps } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { useWorkspace } from '../../app/workspace-context.ts'

/** The path of a customer's page in the current workspace. */
export const useCustomerPath = () => {
  const { slug } = useWorkspace()
  return (id: string) => `/w/${slug}/customers/${encodeURIComponent(id)}`
}

/** A customer's name (or what stands for them in a row) as the way to their page; bold, small text. */
export function CustomerLink({
  id,
  children,
  fz = 'sm',
  ...anchor
}: { id: string; children: ReactNode } & Pick<AnchorProps, 'fz' | 'c' | 'style' | 'td'>) {
  const path = useCustomerPath()
  return (
    <Anchor component={Link} to={path(id)} fz={fz} fw={600} {...anchor}>
      {children}
    </Anchor>
  )
}
