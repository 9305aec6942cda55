/**
 * A refused field in the planner's words: the section, the row (counted from 1) and the column
 * label the person sees ("Pre-scale (capacity), row 2, Done by"), not the schema's path
 * ("capacity[1].when"). What has no form keeps its path, said to be in the YAML.
 */

interface SectionWords {
  readonly title: string;
  /** Column or field labels by the path after the row (dotted, without indices). */
  readonly labels: Readonly<Record<string, string>>;
}

const sections: Readonly<Record<string, SectionWords>> = {
  event: {
    title: 'Event',
    labels: { name: 'Name', type: 'Type', tier: 'Tier', start: 'Starts (local)', end: 'Ends (local)', timezone: 'Time zone', owner: 'Owner', commander: 'Commander', walls: 'Walls', successCriteria: 'Success criteria', liveFrom: 'Live from' },
  },
  keyMoments: { title: 'Key moments', labels: { label: 'Label', kind: 'Kind', at: 'At' } },
  forecast: { title: 'Forecast', labels: { metric: 'Metric', baseline: 'Baseline', peak: 'Peak', peakRange: 'Peak range', actualPanel: 'Actual panel', basis: 'Basis', confidence: 'Confidence' } },
  capacity: {
    title: 'Pre-scale (capacity)',
    labels: { component: 'Component', target: 'Target', when: 'Done by', leadTime: 'Lead time', owner: 'Owner', validation: 'Validation', scaleDown: 'Scale down', status: 'Status' },
  },
  readiness: { title: 'Readiness', labels: { item: 'Item', category: 'Category', owner: 'Owner', due: 'Due', status: 'Status', evidence: 'Evidence (link)', verifiedAt: 'Last verified' } },
  risks: {
    title: 'Risks',
    labels: {
      title: 'Title',
      category: 'Category',
      likelihood: 'Likelihood',
      impact: 'Impact',
      effort: 'Effort',
      owner: 'Owner',
      status: 'Status',
      mitigation: 'Mitigation',
      'contingency.plan': 'Contingency',
      'contingency.trigger.description': 'Trigger, in words',
      'contingency.trigger.panel': 'Panel watched',
      'contingency.trigger.value': 'Value',
      'contingency.trigger.for': 'For',
      'contingency.decisionOwner': 'Decides',
      'contingency.notify': 'Tell',
      'contingency.runbook': 'Runbook',
    },
  },
  'people.roster': { title: 'People', labels: { person: 'Person', role: 'Role', team: 'Team', 'shift.from': 'Shift from', 'shift.to': 'Shift to' } },
  'people.standby': { title: 'Standby', labels: { service: 'Service', primary: 'Primary', secondary: 'Secondary', team: 'Team', 'window.from': 'From', 'window.to': 'To' } },
  'people.escalation': { title: 'Escalation paths', labels: {} },
  partners: { title: 'Partners', labels: { name: 'Name', kind: 'Kind', 'contact.name': 'Contact name', 'contact.phone': 'Contact phone', 'contact.email': 'Contact email', bridgeUrl: 'Bridge URL', dialIn: 'Dial-in', supportCase: 'Support case' } },
  checkIns: { title: 'Check-in schedule', labels: { who: 'Who', reports: 'Reports on', every: 'Every (min)', from: 'From', to: 'Until' } },
  goNoGo: { title: 'Go / no-go', labels: { at: 'Decided at', decider: 'By', criteria: 'Criteria' } },
  slos: { title: 'Event SLOs', labels: {} },
  actionItems: { title: 'Action items and lessons', labels: {} },
};

/** "capacity[1].when" → ["capacity", 1, "when"]. */
function steps(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

const spaced = (key: string): string => {
  const words = key.replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The field of a refused plan in the form's words; `''` is the plan as a whole. */
export function fieldInWords(field: string): string {
  if (field === '') return 'The plan';
  const path = steps(field);
  for (const [key, words] of Object.entries(sections)) {
    const keyPath = key.split('.');
    if (!keyPath.every((k, i) => path[i] === k)) continue;
    const rest = path.slice(keyPath.length);
    const parts = [words.title];
    const names: string[] = [];
    for (const step of rest) {
      if (typeof step === 'number') {
        // The first index is the row; later ones (a criterion, a step) are counted in words too.
        parts.push(names.length === 0 ? `row ${step + 1}` : `${spaced(names.join('.'))} ${step + 1}`);
        if (names.length > 0) names.length = 0;
      } else names.push(step);
    }
    const name = names.join('.');
    if (name) {
      const label = words.labels[[...rest.filter((s): s is string => typeof s === 'string')].join('.')] ?? words.labels[name];
      parts.push(label ?? spaced(name));
    }
    return parts.join(', ');
  }
  return `${field} (in the YAML)`;
}

/** At most `max` characters of a message, saying how much was left out. */
export function capped(text: string, max = 400): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
