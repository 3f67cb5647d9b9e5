/**
 * Incidents: the unit a design review counts (ARCHITECTURE.md, Outputs: "per-incident impact and
 * time to recover"). One incident is one occurrence of a flap process: a PoP withdrawn and
 * re-announced, a link that goes down and comes back, a site that dies, a server churn step, one
 * client flip. Every routing input, site outage and churn step of a flap plan names the incident
 * it belongs to, so a broken session can be blamed on the incident (and the flap process,
 * `flaps[i]`) that broke it, rather than on whatever happened to be the last event before it.
 * Breaks of one incident are clustered (they share ASes and an instant): statistics over them
 * treat the incident, not the session, as the independent unit.
 */

/** The classes of incident a report groups by; one per flap process type. */
export type IncidentClass =
  | 'pop-withdraw'
  | 'pop-failure'
  | 'silent-death'
  | 'maintenance-drain'
  | 'link-down'
  | 'link-flap'
  | 'policy-shift'
  | 'server-churn'
  | 'client-flip'
  /** An operator response (response-spec.ts): one per response entry. */
  | 'response'
  | 'ddos';

/** Every incident class in report order. */
export const INCIDENT_CLASSES: readonly IncidentClass[] = [
  'pop-failure',
  'silent-death',
  'pop-withdraw',
  'maintenance-drain',
  'policy-shift',
  'link-down',
  'link-flap',
  'server-churn',
  'client-flip',
  'response',
  'ddos',
];

/** One occurrence of a flap process. */
export interface Incident {
  /** The flap process it came from: index into the scenario's `flaps` list (responses: see response-plan.ts). */
  readonly flapIndex: number;
  readonly incidentClass: IncidentClass;
  /** When it started (ms): its first routing input, outage or churn step. */
  readonly startMs: number;
}

/** No incident: a state the run started in, or a change no incident explains. */
export const NO_INCIDENT = -1;

/**
 * Every incident of a run as columns, indexed as timeline entries, site outages and churn steps
 * name them: the flap plan's incidents first, then runs of one flap process registered later
 * (client flips). The Internet preset has millions of client flips; as one {@link Incident}
 * object each they cost ~75 B and garbage-collector time apiece (issue 12), as columns 13 B.
 */
export class IncidentTable {
  private constructor(
    private readonly flapIndexes: Int32Array,
    /** Index into {@link INCIDENT_CLASSES}. */
    private readonly classIndexes: Uint8Array,
    private readonly startsMs: Float64Array,
  ) {}

  /** The table of `incidents`, in this order. */
  static of(incidents: readonly Incident[]): IncidentTable {
    const table = new IncidentTable(new Int32Array(incidents.length), new Uint8Array(incidents.length), new Float64Array(incidents.length));
    incidents.forEach((incident, k) => {
      table.flapIndexes[k] = incident.flapIndex;
      table.classIndexes[k] = classIndex(incident.incidentClass);
      table.startsMs[k] = incident.startMs;
    });
    return table;
  }

  /** This table followed by one incident of flap `flapIndex` and class `incidentClass` per entry of `startsMs`. */
  append(flapIndex: number, incidentClass: IncidentClass, startsMs: ArrayLike<number>): IncidentTable {
    const n = this.count;
    const count = n + startsMs.length;
    const flapIndexes = new Int32Array(count);
    const classIndexes = new Uint8Array(count);
    const starts = new Float64Array(count);
    flapIndexes.set(this.flapIndexes);
    flapIndexes.fill(flapIndex, n);
    classIndexes.set(this.classIndexes);
    classIndexes.fill(classIndex(incidentClass), n);
    starts.set(this.startsMs);
    starts.set(startsMs, n);
    return new IncidentTable(flapIndexes, classIndexes, starts);
  }

  /** Number of incidents. */
  get count(): number {
    return this.startsMs.length;
  }

  /** Whether `k` names an incident of this table (not {@link NO_INCIDENT}, not out of range). */
  has(k: number): boolean {
    return k >= 0 && k < this.startsMs.length;
  }

  /** The flap process incident `k` came from (index into the scenario's `flaps`). */
  flapIndexOf(k: number): number {
    return this.flapIndexes[this.checked(k)]!;
  }

  /** The position of incident `k`'s class in {@link INCIDENT_CLASSES}. */
  classIndexOf(k: number): number {
    return this.classIndexes[this.checked(k)]!;
  }

  /** When incident `k` started (ms). */
  startMsOf(k: number): number {
    return this.startsMs[this.checked(k)]!;
  }

  /** Incident `k` as an object (for a report or a test; the columns are the cheap path). */
  at(k: number): Incident {
    return { flapIndex: this.flapIndexOf(k), incidentClass: INCIDENT_CLASSES[this.classIndexOf(k)]!, startMs: this.startMsOf(k) };
  }

  /** Every incident as an object, in index order. */
  *[Symbol.iterator](): IterableIterator<Incident> {
    for (let k = 0; k < this.count; k++) yield this.at(k);
  }

  private checked(k: number): number {
    if (!this.has(k)) throw new RangeError(`incident ${k} is outside 0..${this.count - 1}`);
    return k;
  }
}

function classIndex(incidentClass: IncidentClass): number {
  const i = INCIDENT_CLASSES.indexOf(incidentClass);
  if (i < 0) throw new RangeError(`unknown incident class ${incidentClass}`);
  return i;
}
