import { add, divFixed, fromInt, I32F32_ONE, mulFixed, sub, sum, type Fixed32 } from "./fixed.js";
import type { SparseMatrix } from "./types.js";

// Vector and sparse-matrix helpers of the reference epoch, mirroring subtensor's `epoch/math.rs` (see epoch.ts).

/** A sparse row in `I32F32`: `[column uid, value]` entries. */
export type Row = Array<[number, Fixed32]>;
/** A sparse matrix in `I32F32`, one row per uid. */
export type Matrix = Row[];

export function normalize(x: Fixed32[]): void {
  const s = sum(x);
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = divFixed(x[i], s);
}

export function normalizeUsingSum(x: Fixed32[], s: Fixed32): void {
  if (s === 0n) return;
  for (let i = 0; i < x.length; i++) x[i] = divFixed(x[i], s);
}

export function maskVector(mask: ReadonlyArray<boolean>, v: Fixed32[]): void {
  for (let i = 0; i < v.length; i++) if (mask[i] ?? true) v[i] = 0n;
}

export function isTopKNonzero(v: ReadonlyArray<Fixed32>, k: number): boolean[] {
  const n = v.length;
  const result = v.map((x) => x !== 0n);
  if (n < k) return result;
  const idxs = [...Array(n).keys()];
  // Stable ascending sort by value (Array.prototype.sort is stable).
  idxs.sort((a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : 0));
  for (const idx of idxs.slice(0, Math.max(0, n - k))) result[idx] = false;
  return result;
}

export function maskRows(mask: ReadonlyArray<boolean>, m: Matrix): Matrix {
  return m.map((row, i) => ((mask[i] ?? true) ? [] : row.slice()));
}

export function maskDiag(m: Matrix, exceptIndex?: number): Matrix {
  return m.map((row, i) => row.filter(([j]) => j !== i || i === exceptIndex));
}

export function vecMask(
  m: Matrix,
  first: ReadonlyArray<bigint>,
  second: ReadonlyArray<bigint>,
  fn: (a: bigint, b: bigint) => boolean,
): Matrix {
  return m.map((row, i) => row.filter(([j]) => !fn(first[i] ?? 0n, second[j] ?? 0n)));
}

export function scalarVecMask(
  m: Matrix,
  scalar: bigint,
  v: ReadonlyArray<bigint>,
  fn: (a: bigint, b: bigint) => boolean,
): Matrix {
  return m.map((row) => row.filter(([j]) => !fn(scalar, v[j] ?? 0n)));
}

export function rowNormalize(m: Matrix): void {
  for (const row of m) {
    const s = sum(row.map(([, v]) => v));
    if (s > 0n) for (const e of row) e[1] = divFixed(e[1], s);
  }
}

export function colNormalize(m: Matrix, columns: number): void {
  const colSum: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
  for (const row of m) for (const [j, v] of row) if (j < columns) colSum[j] = add(colSum[j], v);
  for (const row of m) {
    for (const e of row) {
      const d = colSum[e[0]] ?? 0n;
      if (d !== 0n) e[1] = divFixed(e[1], d);
    }
  }
}

export function colMaxUpscale(m: Matrix, columns: number): void {
  const colMax: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
  for (const row of m) for (const [j, v] of row) if (j < columns && colMax[j] < v) colMax[j] = v;
  for (const row of m) {
    for (const e of row) {
      const mx = colMax[e[0]] ?? 0n;
      if (mx !== 0n) e[1] = divFixed(e[1], mx);
    }
  }
}

/** Stake-weighted median of one column, by iterative partitioning. */
export function weightedMedian(
  stake: ReadonlyArray<Fixed32>,
  score: ReadonlyArray<Fixed32>,
  partitionIdx: ReadonlyArray<number>,
  minority: Fixed32,
  partitionLo0: Fixed32,
  partitionHi0: Fixed32,
): Fixed32 {
  if (stake.length !== score.length) return 0n;
  let current = partitionIdx.slice();
  let lo = partitionLo0;
  let hi = partitionHi0;
  const limit = partitionIdx.length;
  for (let iter = 0; iter <= limit; iter++) {
    const n = current.length;
    if (n === 0) return 0n;
    if (n === 1) return score[current[0]] ?? 0n;
    const pivot = score[current[Math.floor(n / 2)]] ?? 0n;
    let loStake = 0n;
    let hiStake = 0n;
    const lower: number[] = [];
    const upper: number[] = [];
    for (const idx of current) {
      const s = score[idx] ?? 0n;
      if (s === pivot) continue;
      if (s < pivot) {
        loStake = add(loStake, stake[idx] ?? 0n);
        lower.push(idx);
      } else {
        hiStake = add(hiStake, stake[idx] ?? 0n);
        upper.push(idx);
      }
    }
    if (minority < add(lo, loStake) && lower.length > 0) {
      current = lower;
      hi = add(lo, loStake);
    } else if (sub(hi, hiStake) <= minority && upper.length > 0) {
      current = upper;
      lo = sub(hi, hiStake);
    } else {
      return pivot;
    }
  }
  return 0n;
}

export function weightedMedianCol(
  stake: ReadonlyArray<Fixed32>,
  score: Matrix,
  columns: number,
  majority: Fixed32,
): Fixed32[] {
  const useStake = stake.filter((s) => s > 0n);
  normalize(useStake);
  const stakeSum = sum(useStake);
  const minority = sub(stakeSum, majority);
  const stakeIdx = [...Array(useStake.length).keys()];
  const useScore: Fixed32[][] = [];
  for (let c = 0; c < columns; c++) useScore.push(new Array<Fixed32>(useStake.length).fill(0n));
  let k = 0;
  for (let i = 0; i < Math.min(stake.length, score.length); i++) {
    if (stake[i] > 0n) {
      for (const [c, v] of score[i]) if (c < columns) useScore[c][k] = v;
      k++;
    }
  }
  return useScore.map((col) => weightedMedian(useStake, col, stakeIdx, minority, 0n, stakeSum));
}

export function colClip(m: Matrix, threshold: ReadonlyArray<Fixed32>): Matrix {
  return m.map((row) => {
    const out: Row = [];
    for (const [j, v] of row) {
      const th = threshold[j] ?? 0n;
      if (th < v) {
        if (th > 0n) out.push([j, th]);
      } else {
        out.push([j, v]);
      }
    }
    return out;
  });
}

export function rowSum(m: Matrix): Fixed32[] {
  return m.map((row) => sum(row.map(([, v]) => v)));
}

/** `r_j = Σ_i s_i · m_ij`. */
export function matmul(m: Matrix, v: ReadonlyArray<Fixed32>, columns: number): Fixed32[] {
  const result: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
  m.forEach((row, i) => {
    const scale = v[i] ?? 0n;
    for (const [j, val] of row) if (j < columns) result[j] = add(result[j], mulFixed(scale, val));
  });
  return result;
}

/** `d_i = Σ_j v_j · m_ij`. */
export function matmulTranspose(m: Matrix, v: ReadonlyArray<Fixed32>): Fixed32[] {
  return m.map((row) => {
    let acc = 0n;
    for (const [j, val] of row) acc = add(acc, mulFixed(v[j] ?? 0n, val));
    return acc;
  });
}

export function interpolate(m1: Matrix, m2: Matrix, columns: number, ratio: Fixed32): Matrix {
  if (ratio === 0n) return m1.map((r) => r.map(([j, v]): [number, Fixed32] => [j, v]));
  if (ratio === I32F32_ONE || m1.length !== m2.length) {
    return m2.map((r) => r.map(([j, v]): [number, Fixed32] => [j, v]));
  }
  return m1.map((r1, i) => {
    const a: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
    const b: Fixed32[] = new Array<Fixed32>(columns).fill(0n);
    for (const [j, v] of r1) if (j < columns) a[j] = v;
    for (const [j, v] of m2[i]) if (j < columns) b[j] = v;
    const out: Row = [];
    for (let j = 0; j < columns; j++) {
      const x = add(a[j], mulFixed(ratio, sub(b[j], a[j])));
      if (x > 0n) out.push([j, x]);
    }
    return out;
  });
}

export function rowHadamard(m: Matrix, v: ReadonlyArray<Fixed32>): Matrix {
  return m.map((row, i) => row.map(([j, val]): [number, Fixed32] => [j, mulFixed(val, v[i] ?? 0n)]));
}

export function matEma(next: Matrix, prev: Matrix, alpha: Fixed32): Matrix {
  const n = next.length;
  const oneMinusAlpha = sub(I32F32_ONE, alpha);
  return next.map((row, i) => {
    const acc: Fixed32[] = new Array<Fixed32>(n).fill(0n);
    for (const [j, v] of row) if (j < n) acc[j] = add(acc[j], mulFixed(alpha, v));
    for (const [j, v] of prev[i] ?? []) if (j < n) acc[j] = add(acc[j], mulFixed(oneMinusAlpha, v));
    const out: Row = [];
    acc.forEach((v, j) => {
      if (v > 0n) out.push([j, v]);
    });
    return out;
  });
}

/**
 * A stored matrix in I32F32, each row in ascending column order. Entries are kept as given, zeros included: an
 * entry `[j, 0]` is a column named with a zero weight, which liquid alpha treats unlike an absent one. Ascending
 * order is what subtensor's `compute_liquid_alpha_values_sparse` assumes when it walks a row of weights and a row
 * of bonds side by side (a row stored in another order pairs some weights with the wrong alpha there).
 */
export function toFixedMatrix(m: SparseMatrix<number>, n: number): Matrix {
  const out: Matrix = [];
  for (let i = 0; i < n; i++) {
    const row = (m[i] ?? []).filter(([j]) => j < n).map(([j, v]): [number, Fixed32] => [j, fromInt(v)]);
    out.push(row.sort((x, y) => x[0] - y[0]));
  }
  return out;
}
