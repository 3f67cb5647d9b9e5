/**
 * Operator responses to an attack or an overload (issue 16 item 3), as a scenario names them:
 * what the operator does to one PoP's anycast announcement and when. Each is a routing event of the
 * same BGP run as the flaps, so its convergence, black holes and the traffic it moves are
 * simulated (routing-pass.ts). The actions are the standard ones of DDoS playbooks (Moura et al.,
 * "Anycast vs. DDoS", IMC 2016 §2: withdraw to shed load or absorb; AS-path prepending; announcing
 * to fewer upstreams or peers, e.g. with NO_EXPORT, RFC 1997): withdraw the PoP, prepend N,
 * announce to a subset of its upstreams and peers, restore the configured announcement.
 */

/** What a response does to the PoP's anycast announcement. */
export type ResponseAction =
  | { readonly kind: 'withdraw' }
  | { readonly kind: 'prepend'; readonly prepend: number }
  /** Announce only to these upstreams and peers of the PoP (ASNs); withdraw from the others. */
  | { readonly kind: 'announce-to'; readonly neighbourAsns: readonly number[] }
  /** Back to the configured announcement: announced, to every neighbour, with the site's own prepend. */
  | { readonly kind: 'restore' };

/**
 * A load trigger: the response fires `detectionDelayMs` after the PoP's offered load (legitimate
 * plus attack) first reaches the threshold (packets or bits per second; either one crossing
 * counts), watching from the response's `atMs` on. The delay stands for the operator's detection
 * and decision (monitoring interval, alerting, a human or an automated playbook).
 */
export interface ResponseTrigger {
  readonly packetsPerS?: number;
  readonly bitsPerS?: number;
  readonly detectionDelayMs: number;
}

/**
 * One response: an action on a PoP at an instant (ms from the start), or, with a trigger, when
 * the PoP's load crosses a threshold (watched from `atMs` on). With `forMs`, the PoP is restored
 * that long after the action (one incident for both).
 */
export interface ResponseSpec {
  readonly pop: string;
  readonly atMs: number;
  readonly action: ResponseAction;
  readonly trigger?: ResponseTrigger;
  readonly forMs?: number;
}

/**
 * A named list of responses. A scenario may name several plans to compare them on one history:
 * each plan is its own run over the same seed, so the sessions, the flaps and the attack are the
 * same draws (common random numbers) and only the responses differ (docs/responses.md).
 */
export interface ResponsePlanSpec {
  readonly name: string;
  readonly responses: readonly ResponseSpec[];
}
