import { createContext, useContext } from 'react'
import type { Me, Role } from './types.ts'

export interface WorkspaceContextValue {
  slug: string
  me: Me
  workspace: { id: string; slug: string; name: string }
  role: Role
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null)

/** The workspace of the current `/w/:slug` route, its person and their role. */
export const useWorkspace = (): WorkspaceContextValue => {
  const value = useContext(WorkspaceContext)
  if (!value) throw new Error('useWorkspace() is only available inside /w/:slug')
  return value
}
