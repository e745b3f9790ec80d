import { IconTrophy } from '@tabler/icons-react'
import { ComingSoon } from '../../app/coming-soon.tsx'

export function ScoreboardPage() {
  return (
    <ComingSoon
      title="Scoreboard"
      icon={<IconTrophy size={26} stroke={1.6} />}
      lead="Measure, post, improve. Recovery objectives are measured constantly and posted for everyone to see, and the people who gather secrets and recover brilliantly are recognised."
      emptyTitle="Nothing to measure yet"
      emptyText="The scoreboard fills in from real recoveries and real secrets. Once your team logs its first OOPS! and records its first secrets, the numbers appear here."
      features={[
        {
          title: 'Recoveries inside 24 h and the WOW rate',
          text: 'How many recoveries closed inside the window, how many customers said “you blew me away”, and loyalty after recovery.',
        },
        {
          title: 'Secrets known',
          text: 'Coverage of the secrets layer across the customers that matter, per salesperson and per account.',
        },
        {
          title: 'Bonuses and awards',
          text: 'At least 25 % of a sales bonus rests on secret-gathering. The monthly secret agent award, recovery heroes and recovery addicts.',
        },
        {
          title: 'The growth goal',
          text: 'How big, then whom to serve: the goal against the customers chosen to deliver it, and a wall display to post it.',
        },
      ]}
      audience={{
        leader: 'Your scoreboard: post the results, tell the recovery stories, reward the heroes.',
        sales: 'Your report card from customers and how your bonus is tracking.',
        service: 'How your recoveries score on the clock and on WOW.',
      }}
    />
  )
}
