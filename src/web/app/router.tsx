import { createBrowserRouter } from 'react-router'
import { AuditPage } from '../features/audit/audit-page.tsx'
import { ForgotPasswordPage } from '../features/auth/forgot-password-page.tsx'
import { ResetPasswordPage } from '../features/auth/reset-password-page.tsx'
import { SignInPage } from '../features/auth/sign-in-page.tsx'
import { SignUpPage } from '../features/auth/sign-up-page.tsx'
import { CustomerPage } from '../features/customers/customer-page.tsx'
import { CustomersPage } from '../features/customers/customers-page.tsx'
import { HomePage } from '../features/home/home-page.tsx'
import { ImportPage } from '../features/imports/import-page.tsx'
import { RecoveriesPage } from '../features/recoveries/recoveries-page.tsx'
import { ScoreboardPage } from '../features/scoreboard/scoreboard-page.tsx'
import { SecretsPage } from '../features/secrets/secrets-page.tsx'
import { TokensPage } from '../features/tokens/tokens-page.tsx'
import { ValuePage } from '../features/value/value-page.tsx'
import { InvitePage } from '../features/workspaces/invite-page.tsx'
import { NewWorkspacePage } from '../features/workspaces/new-workspace-page.tsx'
import { PeoplePage } from '../features/workspaces/people-page.tsx'
import { WorkspaceShell } from './shell.tsx'
import { InShellNotFound, NotFoundPage, RootRedirect } from './status-pages.tsx'

export const router = createBrowserRouter([
  { path: '/', element: <RootRedirect /> },
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  { path: '/new-workspace', element: <NewWorkspacePage /> },
  {
    path: '/w/:slug',
    element: <WorkspaceShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/:id', element: <CustomerPage /> },
      { path: 'value', element: <ValuePage /> },
      { path: 'secrets', element: <SecretsPage /> },
      { path: 'recoveries', element: <RecoveriesPage /> },
      { path: 'scoreboard', element: <ScoreboardPage /> },
      { path: 'settings/people', element: <PeoplePage /> },
      { path: 'settings/tokens', element: <TokensPage /> },
      { path: 'settings/import', element: <ImportPage /> },
      { path: 'settings/audit', element: <AuditPage /> },
      { path: '*', element: <InShellNotFound /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
])
