/**
 * The question bank every workspace starts with: open questions a secret agent can weave into a
 * normal conversation (seed 004: ask a question > listen > record > ask another). Admins edit them.
 */
export const QUESTION_SEED: Record<string, readonly string[]> = {
  habit: [
    'What does a good start to your day look like?',
    'Is there something you do every week, no matter what?',
    'How do you usually unwind after a long week?',
  ],
  bias: [
    'Which brands have never let you down?',
    "What's something people in your line of work get wrong?",
    'When you choose a supplier, what makes you say no straight away?',
  ],
  dream: [
    "If time and money weren't an issue, what would you be doing next year?",
    "What's on your list of things to do at least once?",
    'Where would you go if you could leave tomorrow?',
  ],
  hope: [
    'What are you most looking forward to this year?',
    'What would make this a great year for you personally?',
    "What's the one thing you hope goes right in the next few months?",
  ],
  fear: [
    'What keeps you up at night at the moment?',
    'What would be the worst thing that could happen with this order?',
    "What's the one mistake you never want to repeat?",
  ],
  skill: [
    'What are you better at than most people you know?',
    'What did you teach yourself?',
    'Is there something people come to you for advice on?',
  ],
  competency: [
    'How did you get into this line of work?',
    'What training or qualification are you most proud of?',
    'What part of your job do you feel most at home in?',
  ],
  lifestyle_choice: [
    'What do you like to eat or drink when you celebrate?',
    'Do you have any pets?',
    'How do you keep yourself fit, if you do?',
  ],
  family_priority: [
    'How is the family? What are the children up to these days?',
    'Any big family moments coming up — a birthday, a graduation, a wedding?',
    'What matters most to your family right now?',
  ],
  ego_drive: [
    'What achievement are you proudest of?',
    'What would you like to be known for?',
    'Who recognised your work in a way that meant something to you?',
  ],
  friendship_affinity: [
    'Who do you spend your free time with?',
    'Are you part of a club or group you enjoy?',
    'Who is the friend you call first with good news?',
  ],
  recreation_preference: [
    'What do you do on a free weekend?',
    'Where did you go on your last holiday, and would you go back?',
    'Is there a sport or hobby you never miss?',
  ],
  entertainment_choice: [
    "What's the last concert, show or match you really enjoyed?",
    'What are you reading or watching at the moment?',
    'Which team do you follow?',
  ],
  inventory_problems: [
    'Which items run out on you most often?',
    'How much stock do you carry that you wish you did not?',
    'What happens on your side when a delivery is late?',
  ],
  cash_flow_margin: [
    'Which costs are squeezing your margins this year?',
    'How do payment terms affect how you order?',
    'Where would a small saving make the biggest difference to you?',
  ],
  employment_equity: [
    'How easy is it to find and keep good people at the moment?',
    'What are you doing to build the team you want?',
    'What would make life easier for your staff?',
  ],
  product_quality: [
    'Which products have disappointed your customers lately?',
    'What quality problem costs you the most time?',
    'What would a perfect delivery from us look like?',
  ],
}
