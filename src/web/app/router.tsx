import { Center, Loader } from '@mantine/core'
import type { ComponentType } from 'react'
import { createBrowserRouter } from 'react-router'
import { WorkspaceShell } from './shell.tsx'
import { InShellNotFound, NotFoundPage, RootRedirect } from './status-pages.tsx'

/**
 * Each page is its own chunk, fetched when its route is first matched: the first page a person
 * opens loads the shell and that page, not the whole app (issue 10, budget in scripts/bundle-size.mjs).
 */
const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) })

export const router = createBrowserRouter([
  {
    // while the first page's chunk is on its way
    hydrateFallbackElement: (
      <Center mih="100dvh">
        <Loader />
      </Center>
    ),
    children: [
      { path: '/', element: <RootRedirect /> },
      {
        path: '/sign-in',
        lazy: page(
          () => import('../features/auth/sign-in-page.tsx'),
          (m) => m.SignInPage,
        ),
      },
      {
        path: '/sign-up',
        lazy: page(
          () => import('../features/auth/sign-up-page.tsx'),
          (m) => m.SignUpPage,
        ),
      },
      {
        path: '/forgot-password',
        lazy: page(
          () => import('../features/auth/forgot-password-page.tsx'),
          (m) => m.ForgotPasswordPage,
        ),
      },
      {
        path: '/reset-password',
        lazy: page(
          () => import('../features/auth/reset-password-page.tsx'),
          (m) => m.ResetPasswordPage,
        ),
      },
      {
        path: '/invite/:token',
        lazy: page(
          () => import('../features/workspaces/invite-page.tsx'),
          (m) => m.InvitePage,
        ),
      },
      {
        path: '/feedback/:token',
        lazy: page(
          () => import('../features/feedback/feedback-page.tsx'),
          (m) => m.FeedbackPage,
        ),
      },
      {
        path: '/report-card/:token',
        lazy: page(
          () => import('../features/accountability/report-card-answer-page.tsx'),
          (m) => m.ReportCardAnswerPage,
        ),
      },
      {
        path: '/wall/:token',
        lazy: page(
          () => import('../features/wall/wall-page.tsx'),
          (m) => m.WallPage,
        ),
      },
      {
        path: '/new-workspace',
        lazy: page(
          () => import('../features/workspaces/new-workspace-page.tsx'),
          (m) => m.NewWorkspacePage,
        ),
      },
      {
        path: '/w/:slug',
        element: <WorkspaceShell />,
        children: [
          {
            index: true,
            lazy: page(
              () => import('../features/home/home-page.tsx'),
              (m) => m.HomePage,
            ),
          },
          {
            path: 'customers',
            lazy: page(
              () => import('../features/customers/customers-page.tsx'),
              (m) => m.CustomersPage,
            ),
          },
          {
            path: 'customers/:id',
            lazy: page(
              () => import('../features/customers/customer-page.tsx'),
              (m) => m.CustomerPage,
            ),
          },
          {
            path: 'customers/:id/manual',
            lazy: page(
              () => import('../features/secrets/manual-page.tsx'),
              (m) => m.ManualPage,
            ),
          },
          {
            path: 'value',
            lazy: page(
              () => import('../features/value/value-page.tsx'),
              (m) => m.ValuePage,
            ),
          },
          {
            path: 'growth',
            lazy: page(
              () => import('../features/growth/growth-page.tsx'),
              (m) => m.GrowthPage,
            ),
          },
          {
            path: 'depth',
            lazy: page(
              () => import('../features/accountability/relationship-depth-page.tsx'),
              (m) => m.RelationshipDepthPage,
            ),
          },
          {
            path: 'secrets',
            lazy: page(
              () => import('../features/secrets/secrets-page.tsx'),
              (m) => m.SecretsPage,
            ),
          },
          {
            path: 'secrets/search',
            lazy: page(
              () => import('../features/secrets/search-page.tsx'),
              (m) => m.SearchPage,
            ),
          },
          {
            path: 'secrets/audiences',
            lazy: page(
              () => import('../features/secrets/audiences-page.tsx'),
              (m) => m.AudiencesPage,
            ),
          },
          {
            path: 'recoveries',
            lazy: page(
              () => import('../features/recoveries/recoveries-page.tsx'),
              (m) => m.RecoveriesPage,
            ),
          },
          {
            path: 'recoveries/:id',
            lazy: page(
              () => import('../features/recoveries/recovery-page.tsx'),
              (m) => m.RecoveryPage,
            ),
          },
          {
            path: 'moments',
            lazy: page(
              () => import('../features/moments/moments-page.tsx'),
              (m) => m.MomentsPage,
            ),
          },
          {
            path: 'stories',
            lazy: page(
              () => import('../features/stories/stories-page.tsx'),
              (m) => m.StoriesPage,
            ),
          },
          {
            path: 'scoreboard',
            lazy: page(
              () => import('../features/scoreboard/scoreboard-page.tsx'),
              (m) => m.ScoreboardPage,
            ),
          },
          {
            path: 'awards',
            lazy: page(
              () => import('../features/awards/awards-page.tsx'),
              (m) => m.AwardsPage,
            ),
          },
          {
            path: 'awards/people/:userId',
            lazy: page(
              () => import('../features/awards/awards-page.tsx'),
              (m) => m.PersonAwardsPage,
            ),
          },
          {
            path: 'performance-plans',
            lazy: page(
              () => import('../features/accountability/performance-plans-page.tsx'),
              (m) => m.PerformancePlansPage,
            ),
          },
          {
            path: 'report-cards',
            lazy: page(
              () => import('../features/accountability/report-cards-page.tsx'),
              (m) => m.ReportCardsPage,
            ),
          },
          {
            path: 'bonus',
            lazy: page(
              () => import('../features/accountability/bonus-page.tsx'),
              (m) => m.BonusPage,
            ),
          },
          {
            path: 'bonus/:planId',
            lazy: page(
              () => import('../features/accountability/plan-page.tsx'),
              (m) => m.PlanPage,
            ),
          },
          {
            path: 'bonus/:planId/:userId',
            lazy: page(
              () => import('../features/accountability/statement-page.tsx'),
              (m) => m.StatementPage,
            ),
          },
          {
            path: 'settings/wall',
            lazy: page(
              () => import('../features/wall/wall-links-page.tsx'),
              (m) => m.WallLinksPage,
            ),
          },
          {
            path: 'settings/report-card',
            lazy: page(
              () => import('../features/accountability/report-card-settings-page.tsx'),
              (m) => m.ReportCardSettingsPage,
            ),
          },
          {
            path: 'settings/people',
            lazy: page(
              () => import('../features/workspaces/people-page.tsx'),
              (m) => m.PeoplePage,
            ),
          },
          {
            path: 'settings/tokens',
            lazy: page(
              () => import('../features/tokens/tokens-page.tsx'),
              (m) => m.TokensPage,
            ),
          },
          {
            path: 'settings/import',
            lazy: page(
              () => import('../features/imports/import-page.tsx'),
              (m) => m.ImportPage,
            ),
          },
          {
            path: 'settings/audit',
            lazy: page(
              () => import('../features/audit/audit-page.tsx'),
              (m) => m.AuditPage,
            ),
          },
          {
            path: 'settings/webhooks',
            lazy: page(
              () => import('../features/webhooks/webhooks-page.tsx'),
              (m) => m.WebhooksPage,
            ),
          },
          {
            path: 'settings/recovery-plans',
            lazy: page(
              () => import('../features/recovery-plans/recovery-plans-page.tsx'),
              (m) => m.RecoveryPlansPage,
            ),
          },
          {
            path: 'settings/surprises',
            lazy: page(
              () => import('../features/surprises/surprises-page.tsx'),
              (m) => m.SurprisesPage,
            ),
          },
          {
            path: 'settings/secrets',
            lazy: page(
              () => import('../features/secrets/secrets-settings-page.tsx'),
              (m) => m.SecretsSettingsPage,
            ),
          },
          { path: '*', element: <InShellNotFound /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
