/** The areas that are coming, saying what they will hold, so nobody mistakes them for broken. */
const coming = {
  plans: {
    title: 'Plans',
    lead: 'Event planning for the big nights is coming.',
    items: [
      'Key moments, demand forecast and pre-scale schedule',
      'Partners and escalation paths, readiness checklist with evidence',
      'Risk register, check-in schedule, comms plan, go/no-go',
    ],
  },
  review: {
    title: 'Review',
    lead: 'The operational review is coming.',
    items: ['Pager load per week', 'Availability and performance SLOs with error budgets', 'Risk backlog and repeat causes'],
  },
} as const;

export function Placeholder({ area }: { area: keyof typeof coming }) {
  const page = coming[area];
  return (
    <section className="page placeholder" data-testid={`placeholder-${area}`}>
      <h1>{page.title}</h1>
      <p className="lead">{page.lead}</p>
      <ul>
        {page.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
