import { createBrowserRouter } from 'react-router'
import { AuditPage } from '../features/audit/audit-page.tsx'
import { ForgotPasswordPage } from '../features/auth/forgot-password-page.tsx'
import { ResetPasswordPage } from '../features/auth/reset-password-page.tsx'
import { SignInPage } from '../features/auth/sign-in-page.tsx'
import { SignUpPage } from '../features/auth/sign-up-page.tsx'
import { CustomerPage } from '../features/customers/customer-page.tsx'
import { CustomersPage } from '../features/customers/customers-page.tsx'
import { FeedbackPage } from '../features/feedback/feedback-page.tsx'
import { HomePage } from '../features/home/home-page.tsx'
import { ImportPage } from '../features/imports/import-page.tsx'
import { RecoveriesPage } from '../features/recoveries/recoveries-page.tsx'
import { RecoveryPage } from '../features/recoveries/recovery-page.tsx'
import { RecoveryPlansPage } from '../features/recovery-plans/recovery-plans-page.tsx'
import { ScoreboardPage } from '../features/scoreboard/scoreboard-page.tsx'
import { AudiencesPage } from '../features/secrets/audiences-page.tsx'
import { ManualPage } from '../features/secrets/manual-page.tsx'
import { SearchPage } from '../features/secrets/search-page.tsx'
import { SecretsPage } from '../features/secrets/secrets-page.tsx'
import { SecretsSettingsPage } from '../features/secrets/secrets-settings-page.tsx'
import { SurprisesPage } from '../features/surprises/surprises-page.tsx'
import { TokensPage } from '../features/tokens/tokens-page.tsx'
import { ValuePage } from '../features/value/value-page.tsx'
import { WebhooksPage } from '../features/webhooks/webhooks-page.tsx'
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
  { path: '/feedback/:token', element: <FeedbackPage /> },
  { path: '/new-workspace', element: <NewWorkspacePage /> },
  {
    path: '/w/:slug',
    element: <WorkspaceShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/:id', element: <CustomerPage /> },
      { path: 'customers/:id/manual', element: <ManualPage /> },
      { path: 'value', element: <ValuePage /> },
      { path: 'secrets', element: <SecretsPage /> },
      { path: 'secrets/search', element: <SearchPage /> },
      { path: 'secrets/audiences', element: <AudiencesPage /> },
      { path: 'recoveries', element: <RecoveriesPage /> },
      { path: 'recoveries/:id', element: <RecoveryPage /> },
      { path: 'scoreboard', element: <ScoreboardPage /> },
      { path: 'settings/people', element: <PeoplePage /> },
      { path: 'settings/tokens', element: <TokensPage /> },
      { path: 'settings/import', element: <ImportPage /> },
      { path: 'settings/audit', element: <AuditPage /> },
      { path: 'settings/webhooks', element: <WebhooksPage /> },
      { path: 'settings/recovery-plans', element: <RecoveryPlansPage /> },
      { path: 'settings/surprises', element: <SurprisesPage /> },
      { path: 'settings/secrets', element: <SecretsSettingsPage /> },
      { path: '*', element: <InShellNotFound /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
])
