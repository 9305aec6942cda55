import { useState } from 'react';
import { useApp } from '../state/react.tsx';
import { loggedWords } from './work-log-form.ts';
import { WorkLogForm } from './WorkLogForm.tsx';

/** The Toil section's "Log work": a button that opens the form, and what was logged once saved. */
export function LogWork({ teams, team, onSaved }: { teams: readonly string[]; team: string | null; onSaved: () => void }) {
  const person = useApp((s) => s.identity.person);
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  return (
    <div className="no-print">
      {said && (
        <p className="review-note" role="status" data-testid="work-log-saved">
          ✓ {said}
        </p>
      )}
      {open ? (
        <WorkLogForm
          teams={teams}
          person={person}
          defaultTeam={team}
          onCancel={() => setOpen(false)}
          onSaved={(log) => {
            setOpen(false);
            setSaid(loggedWords(log));
            onSaved();
          }}
        />
      ) : (
        <button type="button" data-testid="work-log-add" onClick={() => setOpen(true)}>
          ＋ Log work
        </button>
      )}
    </div>
  );
}
