import { readFile } from "node:fs/promises";
import path from "node:path";

import { isAddress } from "ethers";
import { z } from "zod";

import { DAY, toSeconds } from "../durations.js";
import { SdkError } from "../errors.js";

// A launch is described in a JSON file that people write by hand, so every field is checked with a message
// that names it, amounts are decimal strings in whole units, times are dates or offsets, and durations read
// like "90d". The file becomes the factory's LaunchParams only after every check has passed.

/** The longest a model token may stream a deposit: 180 days. */
export const MAX_STREAM_DURATION = 180 * DAY;

/**
 * The stream duration a launch gets unless its configuration says otherwise: a day. Released at once (0), a
 * deposit seen in the mempool can be sandwiched: tokens bought just before it and sold just after take a share.
 */
export const DEFAULT_STREAM_DURATION = DAY;

/** The most ERC-20s a model token accepts as revenue besides ETH. */
export const MAX_REVENUE_ASSETS = 4;

/**
 * What a launch can be: "offering", a sale at a fixed price that may open a Uniswap V2 pool when it succeeds, and
 * "curve", a bonding-curve launch that graduates into a pool.
 */
export const LAUNCH_TYPES = ["offering", "curve"] as const;

/** Where a curve's fees go: the DAO treasury, or the token's holders as revenue. */
export const CURVE_FEE_RECIPIENTS = ["treasury", "holders"] as const;

/** In `revenue.assets`, the sale's own ERC-20 (whatever `sale.payment` is). */
export const PAYMENT_TOKEN = "paymentToken";

/**
 * A launch configuration file is invalid: `issues` names each field and what is wrong with it.
 *
 * @example
 * import { LaunchConfigError, readLaunchConfig } from "open-model-registry/sdk";
 * try { await readLaunchConfig("launch.json"); }
 * catch (error) { if (error instanceof LaunchConfigError) for (const issue of error.issues) console.error(issue); }
 */
export class LaunchConfigError extends SdkError {
  readonly issues: string[];

  constructor(issues: string[], source = "the launch configuration") {
    super(`${source} is invalid: ${issues[0]}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`, {
      details: issues.map((issue) => `- ${issue}`).join("\n"),
    });
    this.issues = issues;
  }
}

const decimalString = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((text) => /^\d+(\.\d+)?$/.test(text), 'must be a decimal number such as "1000" or "0.5"');
const address = z.string().refine((text) => isAddress(text), "must be a 0x address");
/** Seconds, or a number with a unit: s, m, h, d, w, y (e.g. "90d", "1y" for 365 days). */
const duration = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(/^\d+\s*[smhdwy]?$/, 'must be seconds or like "90d", "12h", "1y"'),
  ])
  .transform(toSeconds);
/** A share written in percent, to the basis point: "5%", "2.5%", "0.01%". */
const percent = z
  .string()
  .regex(/^\d+(\.\d{1,2})?\s*%$/, 'must be a percentage such as "5%" or "2.5%" (at most two decimals)')
  // A malformed value is reported by the pattern above only.
  .refine((text) => !(toBasisPoints(text) > 10_000), "must be at most 100%");
/** A share of the proceeds: a percentage to the basis point ("20%"), or basis points as a number (2000). */
const proceedsShare = z
  .union([percent.transform(toBasisPoints), z.number().int().max(10_000, "must be at most 10000 basis points (100%)")])
  .refine((bps) => bps > 0, "must be more than 0%: the pool pairs the reserve with a share of the proceeds");

/** A sale at a fixed price ("offering", the default when `type` is left out). */
const offeringType = z
  .string()
  .default(LAUNCH_TYPES[0])
  .superRefine((text, issue) => {
    if (text !== "offering") {
      issue.addIssue({ code: z.ZodIssueCode.custom, message: `must be "offering" or "curve", not "${text}"` });
    }
  })
  .transform(() => "offering" as const);

/** A field a bonding-curve launch does not have: refused with `why`. */
const notForCurve = (why: string) => z.never({ errorMap: () => ({ message: why }) }).optional();

/** A revenue asset: an ERC-20's address, or the sale's own payment token. */
const revenueAsset = z
  .string()
  .refine(
    (text) => text === PAYMENT_TOKEN || isAddress(text),
    `must be an ERC-20 address or "${PAYMENT_TOKEN}" (the sale's ERC-20); ETH is always a revenue asset`,
  );
/** A unix time in seconds, an ISO date, or an offset from now such as "+1h". */
const time = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .refine(
      (text) => /^\+\d+\s*[smhdw]?$/.test(text) || !Number.isNaN(Date.parse(text)),
      'must be an ISO date, unix seconds or an offset such as "+1h"',
    ),
]);

const model = z
  .object({
    slug: z.string().min(1, "is required"),
    register: z
      .object({
        license: z.string().min(1, "is required"),
        card: z.record(z.unknown()).optional(),
        weights: z.string().min(1, "must be a directory or file path").optional(),
        tag: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
const token = z
  .object({
    name: z.string().min(1, "is required").max(64, "is longer than 64 characters"),
    symbol: z.string().regex(/^[A-Za-z0-9]{1,11}$/, "must be 1 to 11 letters or digits"),
    supply: decimalString,
  })
  .strict();
const team = z
  .array(
    z
      .object({
        beneficiary: address,
        amount: decimalString,
        start: time.optional(),
        cliff: duration.default(0),
        duration,
      })
      .strict(),
  )
  .max(16, "has more than 16 members")
  .default([]);
const dao = z
  .object({
    votingDelay: duration.default(DAY),
    votingPeriod: duration.default(5 * DAY),
    proposalThreshold: decimalString.default("0"),
    quorumPercent: z.number().int().min(1, "must be at least 1").max(100, "must be at most 100").default(4),
    timelockDelay: duration.default(2 * DAY),
  })
  .strict()
  .default({});
const revenue = z
  .object({
    reserve: percent.default("0%"),
    streamDuration: duration
      .default(DEFAULT_STREAM_DURATION)
      .refine((seconds) => seconds <= MAX_STREAM_DURATION, 'must be at most 180 days ("180d")'),
    assets: z
      .array(revenueAsset)
      .max(
        MAX_REVENUE_ASSETS,
        `has more than ${MAX_REVENUE_ASSETS} assets: a model token accepts at most ${MAX_REVENUE_ASSETS} ERC-20s besides ETH`,
      )
      .default([]),
  })
  .strict()
  .default({});

const offeringConfigSchema = z
  .object({
    /** "offering" (the default); "curve" is read by the curve schema below. */
    type: offeringType,
    model,
    token,
    split: z
      .object({
        sale: decimalString,
        treasury: decimalString.default("0"),
        liquidity: decimalString.default("0"),
        liquidityRecipient: address.optional(),
        team,
      })
      .strict(),
    /**
     * The Uniswap V2 pool the sale opens when it succeeds: `reserve` model tokens (taken from the supply, as
     * `split.liquidity` is otherwise) paired with `proceedsShare` of the proceeds at the sale's price, the pool
     * shares locked for the treasury for `lock` from the finalisation.
     */
    liquidity: z
      .object({
        reserve: decimalString,
        proceedsShare,
        lock: duration,
      })
      .strict()
      .optional(),
    sale: z
      .object({
        payment: z.union([z.literal("ETH"), address]).default("ETH"),
        price: decimalString,
        softCap: decimalString,
        hardCap: decimalString,
        walletCap: decimalString.optional(),
        start: time,
        end: time,
        allowlist: z.union([z.array(address), z.string().min(1)]).optional(),
      })
      .strict(),
    dao,
    revenue,
  })
  .strict();

/** A fee rate written in percent, to the basis point: "1%", "0.5%". */
const feePercent = percent.transform(toBasisPoints);

const curveConfigSchema = z
  .object({
    type: z.literal("curve"),
    model,
    token,
    /** What the supply gives besides the curve and its pool: the treasury and the team. */
    split: z
      .object({
        sale: notForCurve("a curve launch has no sale: the tokens it sells are curve.tokens"),
        treasury: decimalString.default("0"),
        liquidity: notForCurve("a curve launch keeps its pool's tokens in the curve: give them as liquidity.reserve"),
        liquidityRecipient: notForCurve(
          "a curve launch keeps its pool's tokens in the curve for its pool, so they cannot go to a recipient",
        ),
        team,
      })
      .strict()
      .default({}),
    /**
     * The pool the curve graduates into: `reserve` model tokens the curve holds beside those it sells, the pool shares
     * locked for the treasury for `lock` from graduation.
     */
    liquidity: z
      .object({
        reserve: decimalString,
        proceedsShare: notForCurve(
          "does not apply to a curve: graduation pairs the whole reserve the curve raised (its target) with the tokens left, at the curve's final price; remove it",
        ),
        lock: duration,
      })
      .strict(),
    /**
     * The curve: paid in `payment`, selling `tokens` from `openingPrice` (or over a `virtualReserve`) until it raises
     * `target`, with a `fee` (and an `openingFee` falling to it over `openingBlocks` blocks) to `feesTo`, buying until
     * `deadline`.
     */
    curve: z
      .object({
        payment: z.union([z.literal("ETH"), address]).default("ETH"),
        tokens: decimalString,
        openingPrice: decimalString.optional(),
        virtualReserve: decimalString.optional(),
        target: decimalString,
        fee: feePercent.default("1%"),
        feesTo: z
          .enum(CURVE_FEE_RECIPIENTS, { errorMap: () => ({ message: 'must be "treasury" or "holders"' }) })
          .default("treasury"),
        openingFee: feePercent.optional(),
        openingBlocks: z
          .number()
          .int("must be a whole number of blocks")
          .min(0, "must be 0 or more")
          .max(1_000, "must be at most 1,000 blocks")
          .default(0),
        deadline: time,
      })
      .strict()
      .superRefine((curve, issue) => {
        if ((curve.openingPrice === undefined) === (curve.virtualReserve === undefined)) {
          issue.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["openingPrice"],
            message:
              "give the opening price (payment per token) or the virtual reserve it follows from (virtualReserve), one of them",
          });
        }
        if (curve.fee > 1_000) {
          issue.addIssue({ code: z.ZodIssueCode.custom, path: ["fee"], message: "must be at most 10%" });
        }
        const opening = curve.openingFee ?? curve.fee;
        if (opening < curve.fee || opening > 5_000) {
          issue.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["openingFee"],
            message: "must be at least the fee and at most 50%",
          });
        }
      }),
    sale: notForCurve(
      'a curve launch has no sale: describe the curve in a "curve" section (or use "type": "offering" for a sale)',
    ),
    dao,
    revenue,
  })
  .strict();

/** A sale's launch configuration (`type` "offering") as written in its JSON file, after its shape has been checked. */
export type OfferingLaunchConfig = z.infer<typeof offeringConfigSchema>;

/** A bonding curve's launch configuration (`type` "curve"), after its shape has been checked. */
export type CurveLaunchConfig = z.infer<typeof curveConfigSchema>;

/** A launch configuration as written in its JSON file, after its shape has been checked: a sale's or a curve's. */
export type LaunchConfig = OfferingLaunchConfig | CurveLaunchConfig;

/**
 * Checks a launch configuration's shape and returns it typed; throws {@link LaunchConfigError} listing every
 * field that is wrong.
 *
 * @example
 * import { parseLaunchConfig } from "open-model-registry/sdk";
 * const config = parseLaunchConfig(JSON.parse(await readFile("launch.json", "utf8")));
 */
export function parseLaunchConfig(value: unknown, source?: string): LaunchConfig {
  const curve = typeof value === "object" && value !== null && (value as { type?: unknown }).type === "curve";
  const parsed = (curve ? curveConfigSchema : offeringConfigSchema).safeParse(value);
  if (!parsed.success) {
    throw new LaunchConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`),
      source,
    );
  }
  return parsed.data;
}

/**
 * Reads and checks a launch configuration file. Relative paths inside it (the allowlist, the weights) are
 * taken from the file's folder.
 *
 * @example
 * import { readLaunchConfig } from "open-model-registry/sdk";
 * const { config, baseDir } = await readLaunchConfig("launch.json");
 */
export async function readLaunchConfig(file: string): Promise<{ config: LaunchConfig; baseDir: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new LaunchConfigError([`${file} could not be read as JSON (${(cause as Error).message})`], file);
  }
  return { config: parseLaunchConfig(json, file), baseDir: path.dirname(path.resolve(file)) };
}

/**
 * Basis points in a percentage written as "5%" or "2.5%" (at most two decimals).
 *
 * @example
 * import { toBasisPoints } from "open-model-registry/sdk";
 * toBasisPoints("2.5%"); // 250
 */
export function toBasisPoints(value: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?\s*%$/.exec(value.trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
