/**
 * Independent evaluations for the tests, sharing no code with src/methods/queueing: exact rational arithmetic
 * with BigInt for Erlang B and C, and a brute-force Markov-chain solution of Erlang A.
 */

/** n / d as a double, for big integers: scaled so that the quotient keeps 64 significant bits. */
function ratio(n: bigint, d: bigint): number {
  const shift = Math.max(0, d.toString(2).length - n.toString(2).length + 64);
  return Number((n << BigInt(shift)) / d) / 2 ** shift;
}

/** Σ_{k=0}^{upTo} p^k q^(N−k) N!/k! — the Erlang sums times N! q^N for a load p/q. */
function scaledSum(p: bigint, q: bigint, servers: number, upTo: number): bigint {
  let sum = 0n;
  for (let k = 0; k <= upTo; k++) {
    let falling = 1n; // N!/k!
    for (let i = k + 1; i <= servers; i++) falling *= BigInt(i);
    sum += p ** BigInt(k) * q ** BigInt(servers - k) * falling;
  }
  return sum;
}

/** Erlang B by the textbook formula (A^N/N!) / Σ A^k/k!, exactly, for a load p/q. */
export function exactErlangB(p: number, q: number, servers: number): number {
  const P = BigInt(p);
  const Q = BigInt(q);
  return ratio(P ** BigInt(servers), scaledSum(P, Q, servers, servers));
}

/** Erlang C by the textbook formula X / (X + Y), X = A^N/N! · N/(N − A), Y = Σ_{k<N} A^k/k!, exactly. */
export function exactErlangC(p: number, q: number, servers: number): number {
  const P = BigInt(p);
  const Q = BigInt(q);
  const N = BigInt(servers);
  const x = P ** N * N * Q;
  const y = (N * Q - P) * scaledSum(P, Q, servers, servers - 1);
  return ratio(x, x + y);
}

export interface BruteForceErlangA {
  probabilityOfWait: number;
  probabilityOfAbandon: number;
  answeredWithinThreshold: number;
  abandonedWithinThreshold: number;
  asaSeconds: number;
}

/**
 * Erlang A by brute force: the birth–death chain truncated far out, then, for each number of callers ahead, the
 * tagged caller's own chain (ahead → ahead − 1 at N/AHT + ahead/patience, abandon at 1/patience) solved by
 * uniformization up to the threshold, and by first-step analysis for the mean wait of answered callers.
 */
export function bruteForceErlangA(
  load: number,
  aht: number,
  patience: number,
  servers: number,
  threshold: number,
): BruteForceErlangA {
  const lambda = load / aht;
  const mu = 1 / aht;
  const theta = 1 / patience;
  const pi = [1];
  for (let k = 1; k < 100_000; k++) {
    const next = (pi[k - 1]! * lambda) / (Math.min(k, servers) * mu + Math.max(0, k - servers) * theta);
    pi.push(next);
    if (k > servers + 10 && next < 1e-300) break;
  }
  const total = pi.reduce((s, v) => s + v, 0);
  const p = pi.map((v) => v / total);

  let probabilityOfWait = 0;
  let queue = 0;
  let answeredLate = 0;
  let abandonedWithin = 0;
  let answeredWaitSum = 0;
  for (let ahead = 0; servers + ahead < p.length; ahead++) {
    const weight = p[servers + ahead]!;
    if (weight < 1e-18) {
      if (ahead > 0) break;
      continue;
    }
    probabilityOfWait += weight;
    queue += ahead * weight;
    const within = tagged(ahead, servers * mu, theta, threshold);
    answeredLate += weight * (servedEventually(ahead, servers * mu, theta) - within.served);
    abandonedWithin += weight * within.abandoned;
    answeredWaitSum += weight * servedWait(ahead, servers * mu, theta);
  }
  const probabilityOfAbandon = (theta * queue) / lambda;
  return {
    probabilityOfWait,
    probabilityOfAbandon,
    answeredWithinThreshold: 1 - probabilityOfAbandon - answeredLate,
    abandonedWithinThreshold: abandonedWithin,
    asaSeconds: answeredWaitSum / (1 - probabilityOfAbandon),
  };
}

/** P(served by t) and P(abandoned by t) for a caller with `ahead` callers in front, by uniformization. */
function tagged(ahead: number, serviceRate: number, theta: number, t: number) {
  const rate = serviceRate + (ahead + 1) * theta;
  // v[m] for m callers ahead, plus served and abandoned.
  let v = new Float64Array(ahead + 1);
  v[ahead] = 1;
  let served = 0;
  let abandoned = 0;
  let poisson = Math.exp(-rate * t);
  let resultServed = poisson * served;
  let resultAbandoned = poisson * abandoned;
  let cumulative = poisson;
  for (let n = 1; cumulative < 1 - 1e-15 && n < 100_000; n++) {
    const w = new Float64Array(ahead + 1);
    for (let m = 0; m <= ahead; m++) {
      const mass = v[m]!;
      if (mass === 0) continue;
      const advance = (serviceRate + m * theta) / rate;
      const leave = theta / rate;
      if (m === 0) served += mass * advance;
      else w[m - 1]! += mass * advance;
      abandoned += mass * leave;
      w[m]! += mass * (1 - advance - leave);
    }
    v = w;
    poisson *= (rate * t) / n;
    cumulative += poisson;
    resultServed += poisson * served;
    resultAbandoned += poisson * abandoned;
  }
  // The rest of the Poisson weight sits on larger n, where the absorbed mass is at least as large.
  return {
    served: resultServed + (1 - cumulative) * served,
    abandoned: resultAbandoned + (1 - cumulative) * abandoned,
  };
}

/** P(eventually served) with `ahead` in front: product of (advance) / (advance + abandon) over the positions. */
function servedEventually(ahead: number, serviceRate: number, theta: number): number {
  let p = 1;
  for (let m = 0; m <= ahead; m++) p *= (serviceRate + m * theta) / (serviceRate + (m + 1) * theta);
  return p;
}

/** E[wait · 1{served}] by first-step analysis: holding time at each position counts when later served. */
function servedWait(ahead: number, serviceRate: number, theta: number): number {
  let f = 0; // for m − 1
  let g = 1; // P(served) from m − 1 (from "in service": 1)
  for (let m = 0; m <= ahead; m++) {
    const advance = serviceRate + m * theta;
    const out = advance + theta;
    const gm = (advance / out) * g;
    f = gm / out + (advance / out) * f;
    g = gm;
  }
  return f;
}
