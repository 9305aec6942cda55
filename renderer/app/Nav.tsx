import { ConnectionState } from './ConnectionState.tsx';
import type { Route } from './router.ts';

const items = [
  { name: 'wall', label: 'Wall', href: '#/wall' },
  { name: 'incidents', label: 'Incidents', href: '#/incidents' },
  { name: 'canaries', label: 'Canaries', href: '#/canaries' },
  { name: 'plans', label: 'Plans', href: '#/plans' },
  { name: 'review', label: 'Review', href: '#/review' },
  { name: 'settings', label: 'Settings', href: '#/settings' },
] as const;

export function Nav({ route }: { route: Route }) {
  return (
    <nav className="nav" aria-label="Main">
      <a className="nav-brand" href="#/console" aria-current={route.name === 'console' ? 'page' : undefined}>
        Mission Control
      </a>
      <ul className="nav-items">
        {items.map((item) => (
          <li key={item.name}>
            <a href={item.href} data-testid={`nav-${item.name}`} aria-current={route.name === item.name || (route.name === 'incident' && item.name === 'incidents') || (route.name === 'plan' && item.name === 'plans') ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      <ConnectionState compact />
    </nav>
  );
}
