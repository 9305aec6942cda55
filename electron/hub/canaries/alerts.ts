/**
 * Where a canary's alerts go: into the next delta and the log; a failure or recovery whose
 * incident is still open, to that incident's timeline; a confirmed failure of a check with
 * `autoDeclare`, to a new incident; and a critical canary's, to an andon prompt held until it is
 * acted on or recovers.
 */
import type { CanaryAlert } from '../../../shared/model/canary.ts';
import type { Severity } from '../../../shared/model/incident.ts';
import { canaryIncidentTitle, type CanaryAndon } from '../../../shared/protocol/canaries.ts';
import type { CanaryRepository } from '../store/canaries.ts';
import type { CanaryExtra, CanaryRecord } from './board.ts';
import type { CanaryDeltas } from './deltas.ts';
import { stateRow } from './writes.ts';

/** What a canary knows of its failure: what an incident declared for it starts with. */
export interface CanaryFailure {
  canaryId: string;
  name: string;
  service: string | null;
  /** When the failure began: the incident's impact start. */
  failingSince: number | null;
  /** When it was confirmed: the incident's "detected". */
  confirmedAt: number | null;
  /** The failed check and its error, in words. */
  message: string;
}

export interface AutoDeclareRequest extends CanaryFailure {
  title: string;
  severity: Severity;
}

/** What the hub does with canaries' incidents and prompts (CanaryServiceOptions.events). */
export interface CanaryAlertEvents {
  andon: (andon: CanaryAndon) => void;
  andons?: (andons: CanaryAndon[]) => void;
  declare?: (request: AutoDeclareRequest) => string | null;
  incidentOpen?: (incidentId: string) => boolean;
  incidentNote?: (incidentId: string, note: { canaryId: string; text: string; at: number }) => void;
}

export interface CanaryAlertsOptions {
  readonly canaries: ReadonlyMap<string, CanaryRecord>;
  readonly events: CanaryAlertEvents;
  readonly now: () => number;
  readonly log: (message: string) => void;
  readonly repo: Pick<CanaryRepository, 'saveStates'>;
  readonly deltas: Pick<CanaryDeltas, 'alert'>;
}

export class CanaryAlerts {
  readonly #o: CanaryAlertsOptions;

  constructor(options: CanaryAlertsOptions) {
    this.#o = options;
  }

  /** Raise what an alert says; returns the open incident a failure went to instead of a prompt. */
  raise(c: CanaryRecord, alert: CanaryAlert): string | null {
    const cfg = c.config;
    const bound = c.extra.incident ?? null;
    const open = bound !== null && this.incidentOpen(bound.incidentId);
    // A failure whose incident is still open (declared by itself, from its prompt, or linked) goes
    // to that incident's timeline: asking "Declare an incident?" again invites a duplicate.
    let withIncident: string | null = null;
    let declaredIncidentId: string | null = null;
    if (alert.kind === 'failure' && open && alert.incidentSeq !== null) {
      withIncident = bound.incidentId;
      if (bound.incidentSeq !== alert.incidentSeq) this.bind(c, { incidentSeq: alert.incidentSeq, incidentId: bound.incidentId });
      this.#note(c, bound.incidentId, `${cfg.name} failing again: ${alert.message}`, alert.at);
    } else if (alert.kind === 'failure') {
      declaredIncidentId = this.#autoDeclare(c, alert);
    } else if (alert.kind === 'reminder' && bound && bound.incidentSeq === alert.incidentSeq) {
      // A snooze ended on a failure that has its incident: name it rather than ask again.
      declaredIncidentId = bound.incidentId;
    } else if (alert.kind === 'recovery' && open && bound.incidentSeq === alert.incidentSeq) {
      this.#note(c, bound.incidentId, `${cfg.name} ${alert.message}`, alert.at);
    }
    this.#o.deltas.alert({ id: c.id, name: cfg.name, critical: cfg.critical, kind: alert.kind, at: alert.at, message: alert.message });
    this.#o.log(`canary ${cfg.name} (${c.id}): ${alert.kind}: ${alert.message}`);
    if (withIncident !== null) {
      if (c.extra.andon) {
        c.extra.andon = null;
        this.#o.repo.saveStates([stateRow(c, this.#o.now())]);
        this.andonsChanged();
      }
      return withIncident;
    }
    if (cfg.critical && (alert.kind === 'failure' || alert.kind === 'recovery' || alert.kind === 'reminder')) {
      const andon: CanaryAndon = {
        id: c.id,
        name: cfg.name,
        service: cfg.service,
        journey: cfg.journey,
        kind: alert.kind,
        at: alert.at,
        failingSince: alert.failingSince,
        incidentSeq: alert.incidentSeq,
        message: alert.message,
        ...(cfg.runbook !== null ? { runbook: cfg.runbook } : {}),
        ...(declaredIncidentId !== null ? { declaredIncidentId } : {}),
      };
      this.#o.events.andon(andon);
      // Held until acted on or recovered, for the consoles that connect later (kept across a restart).
      const outstanding = alert.kind === 'recovery' ? null : andon;
      if (outstanding !== null || c.extra.andon) {
        c.extra.andon = outstanding;
        this.#o.repo.saveStates([stateRow(c, this.#o.now())]);
        this.andonsChanged();
      }
    }
    return null;
  }

  /** The andon prompts still outstanding, oldest first: what a console is sent when it connects. */
  andons(): CanaryAndon[] {
    const out: CanaryAndon[] = [];
    for (const c of this.#o.canaries.values()) if (c.extra.andon) out.push(c.extra.andon);
    return out.sort((a, b) => a.at - b.at);
  }

  /** The prompts outstanding changed: all of them, to every console. */
  andonsChanged(): void {
    this.#o.events.andons?.(this.andons());
  }

  incidentOpen(incidentId: string): boolean {
    try {
      return this.#o.events.incidentOpen?.(incidentId) ?? false;
    } catch {
      return false;
    }
  }

  #note(c: CanaryRecord, incidentId: string, text: string, at: number): void {
    try {
      this.#o.events.incidentNote?.(incidentId, { canaryId: c.id, text, at });
    } catch (error) {
      this.#o.log(`canary ${c.config.name}: could not write to incident ${incidentId}: ${(error as Error).message}`);
    }
  }

  /** The failure now belongs to an incident; saved at once, so a restart does not ask again. */
  bind(c: CanaryRecord, incident: NonNullable<CanaryExtra['incident']>): void {
    c.extra.incident = incident;
    this.#o.repo.saveStates([stateRow(c, this.#o.now())]);
  }

  failure(c: CanaryRecord, message: string): CanaryFailure {
    const incident = c.state.incident;
    return {
      canaryId: c.id,
      name: c.config.name,
      service: c.config.service,
      failingSince: incident?.failingSince ?? null,
      confirmedAt: incident?.confirmedAt ?? null,
      message,
    };
  }

  /** A confirmed failure of a check that says `autoDeclare`: one incident per failure (kept across restarts). */
  #autoDeclare(c: CanaryRecord, alert: CanaryAlert): string | null {
    const auto = c.config.autoDeclare;
    const declare = this.#o.events.declare;
    if (!auto || !declare || alert.incidentSeq === null || c.extra.incident?.incidentSeq === alert.incidentSeq) return null;
    let id: string | null;
    try {
      id = declare({ ...this.failure(c, alert.message), title: auto.title ?? canaryIncidentTitle(c.config.name, alert.message), severity: auto.severity });
    } catch (error) {
      this.#o.log(`canary ${c.config.name}: could not declare an incident: ${(error as Error).message}`);
      return null;
    }
    if (id === null) return null;
    this.bind(c, { incidentSeq: alert.incidentSeq, incidentId: id });
    this.#o.log(`canary ${c.config.name}: declared incident ${id} (autoDeclare)`);
    return id;
  }
}
