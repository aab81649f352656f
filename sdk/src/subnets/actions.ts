import { randomBytes } from "node:crypto";

import {
  getAddress,
  hexlify,
  ZeroAddress,
  type ContractTransaction,
  type Interface,
  type LogDescription,
  type TransactionReceipt,
} from "ethers";
import type { CID } from "multiformats/cid";

import { IPaymentToken__factory, ModelToken__factory, Subnets__factory, YumaEpoch__factory, type Subnets } from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { decodeRevert, SdkError, withDecodedReverts } from "../errors.js";
import { cidFromBytes, cidToBytes } from "../ipfs/cid.js";
import type { AddProgress, PullResult } from "../ipfs/types.js";
import { parseAmount } from "../offering/actions.js";
import { InvalidAmountError } from "../offering/errors.js";
import type { WriteResult } from "../registry/types.js";
import { address, sendTransaction, signerAddress } from "../transactions.js";
import { downloadCandidate, uploadCandidate } from "./candidates.js";
import { commitsFile, readWeightCommits, removeWeightCommits, saveWeightCommit, type CommitKey, type StoredWeightCommit } from "./commits.js";
import { SubnetParameterError, SubnetsNotDeployedError, WeightRevealError } from "./errors.js";
import { packConsensusHints } from "./packing.js";
import { predictEpoch, type SubnetEpochState } from "./preview.js";
import type {
  CandidateView,
  EpochPreview,
  EpochStepProgress,
  MetagraphNeuron,
  MetagraphView,
  NetuidRef,
  SubnetCard,
  SubnetHyperparameters,
  SubnetToken,
  SubnetView,
} from "./types.js";
import { InvalidWeightsError, toU16Weights } from "./weights.js";

export * from "./candidates.js";
export * from "./commits.js";
export * from "./errors.js";
export * from "./packing.js";
export * from "./preview.js";
export * from "./weights.js";
export type * from "./types.js";
export { fixedProportionToU16, runEpoch } from "./epoch.js";
export type { EpochInput, EpochOutput, LiquidAlpha } from "./epoch.js";

/** What the subnet actions work with: the deployment must record the subnets contract. */
export type SubnetContext = ProtocolContext;

const subnetsInterface: Interface = Subnets__factory.createInterface();
const epochInterface: Interface = YumaEpoch__factory.createInterface();
// The model token's interface also decodes OpenZeppelin's ERC-20 errors of the stake and reward tokens.
const interfaces: readonly Interface[] = [subnetsInterface, epochInterface, ModelToken__factory.createInterface()];

/** How far above the quoted price {@link registerNeuron} accepts by default: 10% (the price only decays between registrations). */
export const DEFAULT_PRICE_TOLERANCE_BPS = 1_000;

/** UIDs read per `neurons` call: a subnet's whole metagraph (256 UIDs) in four calls sent together. */
const NEURON_PAGE = 64;

const HYPERPARAMETER_KEYS: readonly (keyof SubnetHyperparameters)[] = [
  "tempo",
  "maxUids",
  "maxValidators",
  "immunityPeriod",
  "minNonImmuneUids",
  "kappa",
  "bondsMovingAverage",
  "bondsPenalty",
  "activityCutoff",
  "weightsRateLimit",
  "minAllowedWeights",
  "weightsVersionKey",
  "commitReveal",
  "revealPeriod",
  "yuma3",
  "liquidAlpha",
  "alphaLow",
  "alphaHigh",
  "alphaSigmoidSteepness",
  "bondsReset",
  "ownerCut",
  "minPrice",
  "maxPrice",
  "priceHalfLife",
  "emission",
  "keeperReward",
];
const BIGINT_KEYS = new Set<keyof SubnetHyperparameters>(["minPrice", "maxPrice", "emission", "keeperReward", "weightsVersionKey"]);
const BOOLEAN_KEYS = new Set<keyof SubnetHyperparameters>(["commitReveal", "yuma3", "liquidAlpha", "bondsReset"]);

// ---------------------------------------------------------------------------------------------- reads

/**
 * A subnet: owner, tokens, hyperparameters, UIDs, epochs, reward pool and the registration price now, all read
 * at one block.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const subnet = await client.subnets.getSubnet(1);
 * console.log(subnet.n, subnet.epochNumber, subnet.registrationPrice);
 */
export async function getSubnet(context: SubnetContext, netuid: NetuidRef): Promise<SubnetView> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const block = await blockNumber(context);
  const at = { blockTag: block };
  const [info, params, price, [queued, queuedFrom]] = await read(() =>
    Promise.all([
      contract.subnet(id, at),
      contract.hyperparameters(id, at),
      contract.registrationPrice(id, at),
      contract.queuedHyperparameters(id, at),
    ]),
  );
  const [stakeToken, rewardToken] = await Promise.all([readToken(context, info.stakeToken), readToken(context, info.rewardToken)]);
  return {
    netuid: id,
    owner: info.owner,
    ownerHotkey: info.ownerHotkey,
    stakeToken,
    rewardToken,
    stakeScale: info.stakeScale,
    hyperparameters: toHyperparameters(params),
    queuedHyperparameters: queuedFrom === 0n ? undefined : { hyperparameters: toHyperparameters(queued), from: queuedFrom },
    n: Number(info.n),
    epochNumber: info.epochNumber,
    lastEpochBlock: info.lastEpochBlock,
    nextEpochBlock: info.nextEpochBlock,
    epochRunning: info.epochRunning,
    rewardPool: info.rewardPool,
    registrationPrice: price,
    block: BigInt(block),
  };
}

/**
 * Every subnet, in creation order.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * for (const s of await client.subnets.listSubnets()) console.log(s.netuid, s.n);
 */
export async function listSubnets(context: SubnetContext): Promise<SubnetView[]> {
  const count = await read(() => subnets(context).subnetCount());
  return Promise.all(Array.from({ length: Number(count) }, (_, i) => getSubnet(context, BigInt(i + 1))));
}

/**
 * A subnet's hyperparameters.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { tempo, kappa } = await client.subnets.getSubnetHyperparameters(1);
 */
export async function getSubnetHyperparameters(context: SubnetContext, netuid: NetuidRef): Promise<SubnetHyperparameters> {
  return toHyperparameters(await read(() => subnets(context).hyperparameters(toNetuid(netuid))));
}

/**
 * What the contract offers as defaults for a new subnet (subtensor's, with prices and emission in units of an
 * 18-decimal reward token).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const defaults = await client.subnets.getDefaultHyperparameters();
 */
export async function getDefaultHyperparameters(context: SubnetContext): Promise<SubnetHyperparameters> {
  return toHyperparameters(await read(() => subnets(context).defaultHyperparameters()));
}

/** What {@link quoteRegistration} returns. */
export interface RegistrationQuote {
  netuid: bigint;
  /** The price in the block read, in reward token units. */
  price: bigint;
  /** The quote plus the tolerance: what {@link registerNeuron} accepts by default. */
  maxPrice: bigint;
  rewardToken: SubnetToken;
  block: bigint;
}

/**
 * The price of registering a UID now (it decays block by block while nobody registers), and the most a
 * registration would accept by default (the price plus a tolerance, 10% unless told).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { price, maxPrice } = await client.subnets.quoteRegistration({ netuid: 1 });
 */
export async function quoteRegistration(
  context: SubnetContext,
  params: { netuid: NetuidRef; toleranceBps?: number },
): Promise<RegistrationQuote> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const block = await blockNumber(context);
  const [price, info] = await read(() => Promise.all([contract.registrationPrice(id, { blockTag: block }), contract.subnet(id, { blockTag: block })]));
  const tolerance = BigInt(params.toleranceBps ?? DEFAULT_PRICE_TOLERANCE_BPS);
  if (tolerance < 0n) throw new InvalidAmountError("The price tolerance cannot be negative.");
  return {
    netuid: id,
    price,
    maxPrice: price + (price * tolerance + 9_999n) / 10_000n,
    rewardToken: await readToken(context, info.rewardToken),
    block: BigInt(block),
  };
}

/**
 * A subnet's metagraph, as `btcli subnet metagraph` shows it: per UID its hotkey and coldkey, stake, validator
 * permit, trust, validator trust, consensus, incentive, dividends, emission, registration and last update. Read
 * at one block, in pages of 64 UIDs sent together.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { neurons } = await client.subnets.getMetagraph(1);
 * for (const u of neurons) console.log(u.uid, u.hotkey, u.incentive / 65535, u.emission);
 */
export async function getMetagraph(context: SubnetContext, netuid: NetuidRef): Promise<MetagraphView> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const block = await blockNumber(context);
  const at = { blockTag: block };
  const [info, params] = await read(() => Promise.all([contract.subnet(id, at), contract.hyperparameters(id, at)]));
  const n = Number(info.n);
  const pages = await read(() =>
    Promise.all(Array.from({ length: Math.ceil(n / NEURON_PAGE) }, (_, p) => contract.neurons(id, p * NEURON_PAGE, NEURON_PAGE, at))),
  );
  const [stakeToken, rewardToken] = await Promise.all([readToken(context, info.stakeToken), readToken(context, info.rewardToken)]);
  const cap = (1n << 63n) - 1n;
  const now = BigInt(block);
  const neurons = pages.flat().map((u): MetagraphNeuron => {
    const weight = u.stake / info.stakeScale;
    return {
      uid: Number(u.uid),
      hotkey: u.hotkey,
      coldkey: u.coldkey,
      stake: u.stake,
      stakeWeight: weight > cap ? cap : weight,
      validatorPermit: u.validatorPermit,
      trust: Number(u.trust),
      validatorTrust: Number(u.validatorTrust),
      consensus: Number(u.consensus),
      incentive: Number(u.incentive),
      dividends: Number(u.dividends),
      rank: Number(u.rank),
      emission: u.emission,
      unclaimed: u.unclaimed,
      registeredAt: u.registeredAt,
      lastUpdate: u.lastUpdate,
      immune: now < u.registeredAt + params.immunityPeriod,
      active: u.lastUpdate !== 0n && u.lastUpdate + params.activityCutoff >= now,
    };
  });
  return { netuid: id, block: now, epochNumber: info.epochNumber, stakeToken, rewardToken, neurons };
}

/**
 * The next epoch's outcome, predicted off chain: reads the subnet's state at the latest block, maps it to the
 * reference epoch's input exactly as the epoch library reads it when an epoch starts in the next block (stake
 * weights with pending stake activated, permitted rows with the UIDs each names with a zero weight, the
 * commit-reveal mask of commits not past their reveal epoch, the emission after the owner's cut) and runs the
 * bigint reference `runEpoch`. Once that epoch has run, the metagraph holds these figures.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const preview = await client.subnets.previewEpoch(1);
 * for (const u of preview.neurons) console.log(u.uid, u.incentive, u.emission);
 */
export async function previewEpoch(context: SubnetContext, netuid: NetuidRef): Promise<EpochPreview> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const block = await blockNumber(context);
  const at = { blockTag: block };
  const [info, raw, [queued, queuedFrom]] = await read(() =>
    Promise.all([contract.subnet(id, at), contract.hyperparameters(id, at), contract.queuedHyperparameters(id, at)]),
  );
  // Hyperparameters queued for the epoch that starts next apply from its start, before it reads any.
  const epochsStarted = info.epochNumber + (info.epochRunning ? 1n : 0n);
  const p = toHyperparameters(queuedFrom !== 0n && epochsStarted + 1n >= queuedFrom ? queued : raw);
  const n = Number(info.n);
  const pages = await read(() =>
    Promise.all(Array.from({ length: Math.ceil(n / NEURON_PAGE) }, (_, q) => contract.neurons(id, q * NEURON_PAGE, NEURON_PAGE, at))),
  );
  const neurons = pages.flat();
  const ownerUid = neurons.findIndex((u) => info.ownerHotkey !== ZeroAddress && getAddress(u.hotkey) === getAddress(info.ownerHotkey));
  const rows = neurons.map((_, i) => ((info.validatorPermits >> BigInt(i)) & 1n) === 1n || i === ownerUid);
  const rowUids = rows.flatMap((isRow, i) => (isRow ? [i] : []));
  const [weights, named, bonds, commits] = await Promise.all([
    read(() => Promise.all(rowUids.map((uid) => contract.weightsOf(id, uid, at)))),
    read(() => Promise.all(rowUids.map((uid) => contract.weightUidsOf(id, uid, at)))),
    readBondRows(context, id, rowUids, block),
    read(() => Promise.all(rowUids.map((uid) => contract.commitOf(id, uid, at)))),
  ]);
  const packed: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const weightUids: (bigint | undefined)[] = new Array(n).fill(undefined);
  const bondRows: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const liveCommits: SubnetEpochState["commits"] = new Array(n).fill(undefined);
  rowUids.forEach((uid, k) => {
    packed[uid] = packU16(weights[k].map(Number));
    weightUids[uid] = named[k];
    bondRows[uid] = bonds[k];
    const c = commits[k];
    if (c.hash !== `0x${"0".repeat(64)}`) liveCommits[uid] = { epoch: c.epoch, revealEpoch: c.revealEpoch, blockNumber: c.blockNumber };
  });
  const { taken, ownerCut, keeper } = epochSplit(p, info.rewardPool);
  const cap = (1n << 63n) - 1n;
  const state: SubnetEpochState = {
    n,
    hyperparameters: p,
    hotkeys: neurons.map((u) => u.hotkey),
    // Pending stake becomes active when the epoch starts, before the epoch reads stake.
    stakeWeights: neurons.map((u) => {
      const w = (u.stake + u.pendingStake) / info.stakeScale;
      return w > cap ? cap : w;
    }),
    registeredAt: neurons.map((u) => u.registeredAt),
    lastUpdate: neurons.map((u) => u.lastUpdate),
    validatorPermits: info.validatorPermits,
    ownerUid: ownerUid < 0 ? undefined : ownerUid,
    weights: packed,
    weightUids,
    bonds: bondRows,
    commits: liveCommits,
    epochNumber: info.epochNumber,
    lastEpochBlock: info.lastEpochBlock,
    emission: taken - ownerCut - keeper,
    currentBlock: BigInt(block) + 1n,
  };
  const { input, output, neurons: predicted } = predictEpoch(state);
  return { netuid: id, block: BigInt(block), emission: state.emission, ownerCut, keeperReward: keeper, neurons: predicted, input, output };
}

/** The largest share of an epoch's emission its keeper is paid: 5% (3276 / 65535), as the contract caps it. */
export const MAX_KEEPER_SHARE = 3276n;

/**
 * How an epoch splits what it takes from the pool, as the contract does at its start: `min(emission, pool)` taken,
 * the owner's cut (floored), the keeper's reward (at most {@link MAX_KEEPER_SHARE} of it, floored), the rest paid
 * by Yuma consensus.
 */
export function epochSplit(p: Pick<SubnetHyperparameters, "emission" | "ownerCut" | "keeperReward">, pool: bigint) {
  const taken = p.emission < pool ? p.emission : pool;
  const ownerCut = (taken * BigInt(p.ownerCut)) / 65_535n;
  const cap = (taken * MAX_KEEPER_SHARE) / 65_535n;
  const keeper = p.keeperReward < cap ? p.keeperReward : cap;
  return { taken, ownerCut, keeper };
}

// --------------------------------------------------------------------------------------------- writes

/** Parameters of {@link createSubnet}. */
export interface CreateSubnetParameters {
  stakeToken: string;
  rewardToken: string;
  /** Changes to the contract's default hyperparameters. */
  hyperparameters?: Partial<SubnetHyperparameters>;
  /** The model the subnet improves (its id); none by default. */
  model?: bigint;
  /** The subnet's description, uploaded to IPFS as JSON (the client needs IPFS); `{ name: "Unnamed subnet" }` by default. */
  card?: SubnetCard;
  /** The CID of a description on IPFS already, instead of `card`. */
  metadataCid?: CID | string;
  /** Set the owner's hotkey right after creating (its UID then is never pruned and keeps a validator permit). */
  ownerHotkey?: string;
}

/** What {@link createSubnet} did. */
export interface CreateSubnetResult {
  subnet: SubnetView;
  /** The creation fee paid, in wei. */
  fee: bigint;
  feeToken: SubnetToken;
}

/**
 * Builds a subnet's creation without sending it: the contract's defaults with the changes given, and the
 * creation fee (ETH) as the value.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.subnets.prepareCreateSubnet({ stakeToken, rewardToken, hyperparameters: { tempo: 100 } });
 */
export async function prepareCreateSubnet(context: SubnetContext, params: CreateSubnetParameters): Promise<ContractTransaction> {
  const contract = subnets(context);
  const metadataCid = params.metadataCid ?? (await uploadCard(context, params.card ?? { name: "Unnamed subnet" }));
  const [defaults, fee] = await read(() => Promise.all([contract.defaultHyperparameters(), contract.creationFee()]));
  const hyperparameters = mergeHyperparameters(toHyperparameters(defaults), params.hyperparameters ?? {});
  return contract.createSubnet.populateTransaction(
    {
      stakeToken: address(params.stakeToken, "stakeToken"),
      rewardToken: address(params.rewardToken, "rewardToken"),
      model: params.model ?? 0n,
      metadataCid: cidToBytes(metadataCid),
      hyperparameters,
    },
    { value: fee },
  );
}

/**
 * Creates a subnet owned by the signer, paying the creation fee in ETH, and returns it (after setting the
 * owner's hotkey, when given).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.createSubnet({ stakeToken, rewardToken, hyperparameters: { tempo: 100 } });
 * console.log(result.subnet.netuid);
 */
export async function createSubnet(context: SubnetContext, params: CreateSubnetParameters): Promise<WriteResult<CreateSubnetResult>> {
  const transaction = await prepareCreateSubnet(context, params);
  const receipt = await send(context, transaction, "Creating a subnet");
  const [created] = findEvents(context, receipt, "SubnetCreated");
  if (!created) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no SubnetCreated event.`);
  const netuid = created.args.netuid as bigint;
  let last = receipt;
  if (params.ownerHotkey) {
    const hotkey = address(params.ownerHotkey, "ownerHotkey");
    last = await send(context, await subnets(context).setOwnerHotkey.populateTransaction(netuid, hotkey), "Setting the owner's hotkey");
  }
  return {
    receipt: last,
    result: {
      subnet: await getSubnet(context, netuid),
      fee: transaction.value ?? 0n,
      feeToken: { address: ZeroAddress, symbol: "ETH", decimals: 18 },
    },
  };
}

/** Parameters of {@link setSubnetHyperparameters}. */
export interface SetSubnetHyperparametersParameters {
  netuid: NetuidRef;
  /** The hyperparameters to change; the others keep their values. */
  changes: Partial<SubnetHyperparameters>;
}

/** What {@link setSubnetHyperparameters} queued. */
export type QueuedHyperparameters = NonNullable<SubnetView["queuedHyperparameters"]>;

/**
 * Builds a change of some of a subnet's hyperparameters without sending it (the others keep the values in force, or
 * those already queued).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.subnets.prepareSetSubnetHyperparameters({ netuid: 1, changes: { tempo: 120 } });
 */
export async function prepareSetSubnetHyperparameters(
  context: SubnetContext,
  params: SetSubnetHyperparametersParameters,
): Promise<ContractTransaction> {
  const id = toNetuid(params.netuid);
  const contract = subnets(context);
  const queued = await getQueuedHyperparameters(context, id);
  const base = queued?.hyperparameters ?? (await getSubnetHyperparameters(context, id));
  return contract.setHyperparameters.populateTransaction(id, mergeHyperparameters(base, params.changes));
}

/**
 * Changes some of a subnet's hyperparameters (its owner only). The change is queued and announced: it applies from
 * the start of the epoch after the next one to start, so the tempo that epoch pays for is worked under it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.setSubnetHyperparameters({ netuid: 1, changes: { tempo: 120 } });
 * console.log(`tempo 120 from epoch ${result.from}`);
 */
export async function setSubnetHyperparameters(
  context: SubnetContext,
  params: SetSubnetHyperparametersParameters,
): Promise<WriteResult<QueuedHyperparameters>> {
  const receipt = await send(context, await prepareSetSubnetHyperparameters(context, params), "Setting hyperparameters");
  const [queued] = findEvents(context, receipt, "SubnetHyperparametersQueued");
  if (!queued) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no SubnetHyperparametersQueued event.`);
  return { receipt, result: { hyperparameters: toHyperparameters(queued.args.hyperparameters), from: queued.args.from as bigint } };
}

/**
 * The hyperparameters a subnet's owner queued and the epoch from whose start they apply, or `undefined` when none
 * are queued.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const queued = await client.subnets.getQueuedHyperparameters(1);
 */
export async function getQueuedHyperparameters(context: SubnetContext, netuid: NetuidRef): Promise<QueuedHyperparameters | undefined> {
  const [raw, from] = await read(() => subnets(context).queuedHyperparameters(toNetuid(netuid)));
  return from === 0n ? undefined : { hyperparameters: toHyperparameters(raw), from };
}

/** Parameters of {@link registerNeuron}. */
export interface RegisterNeuronParameters {
  netuid: NetuidRef;
  /** The hotkey to register; the signer by default. */
  hotkey?: string;
  /** The hotkey's coldkey (receives its incentive and take); the signer by default on a first registration. */
  coldkey?: string;
  /** The most to pay: a bigint in reward token units or a string in whole units; the quote plus the tolerance by default. */
  maxPrice?: bigint | string;
  /** Tolerance above the quote when `maxPrice` is not given, in basis points (10% by default). */
  toleranceBps?: number;
}

/** What {@link registerNeuron} did. */
export interface RegisterNeuronResult {
  netuid: bigint;
  uid: number;
  hotkey: string;
  coldkey: string;
  price: bigint;
  registeredAt: bigint;
  /** The hotkey that held the UID before, when it was pruned. */
  replaced?: string;
  /** The approval's receipt, when one was sent. */
  approval?: TransactionReceipt;
}

/** What {@link prepareRegisterNeuron} returns: the transactions to send in order, and what they do. */
export interface PreparedRegistration {
  /** An approval of the reward token first when the allowance is short, then the registration. */
  transactions: ContractTransaction[];
  hotkey: string;
  /** The price quoted and the most the registration accepts. */
  quote: RegistrationQuote;
  maxPrice: bigint;
}

/**
 * Builds a registration without sending it: quotes the price, refuses a `maxPrice` below it (before anything is
 * signed), and adds an approval of the reward token when the payer's allowance is short. With a read-only
 * runner, `account` names the payer (a multisig, a hardware wallet).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { transactions } = await client.subnets.prepareRegisterNeuron({ netuid: 1, account: safe });
 * for (const transaction of transactions) await safe.propose(transaction);
 */
export async function prepareRegisterNeuron(
  context: SubnetContext,
  params: RegisterNeuronParameters & { account?: string },
): Promise<PreparedRegistration> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const payer = params.account === undefined ? await signerAddress(context, "Registering") : address(params.account, "account");
  const hotkey = params.hotkey === undefined ? payer : address(params.hotkey, "hotkey");
  const coldkey = params.coldkey === undefined ? ZeroAddress : address(params.coldkey, "coldkey");
  const quote = await quoteRegistration(context, { netuid: id, toleranceBps: params.toleranceBps });
  const maxPrice =
    params.maxPrice === undefined
      ? quote.maxPrice
      : typeof params.maxPrice === "bigint"
        ? params.maxPrice
        : parseAmount(params.maxPrice, quote.rewardToken.decimals);
  // Refused here, before an approval is sent: the price would have to fall by the next block, which it barely does.
  if (maxPrice < quote.price) throw decodeRevertOf("SubnetPriceAboveMax", [quote.price, maxPrice]);
  const approval = await approvalIfShort(context, quote.rewardToken.address, payer, maxPrice);
  const register = await contract.register.populateTransaction(id, hotkey, coldkey, maxPrice);
  return { transactions: approval ? [approval, register] : [register], hotkey, quote, maxPrice };
}

/**
 * Registers a hotkey on a subnet: quotes the price, approves the reward token when the allowance is short, and
 * registers accepting at most `maxPrice` (the quote plus 10% unless told), paid into the reward pool. On a full
 * subnet the UID to prune is replaced.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.registerNeuron({ netuid: 1 });
 * console.log(result.uid, result.price);
 */
export async function registerNeuron(context: SubnetContext, params: RegisterNeuronParameters): Promise<WriteResult<RegisterNeuronResult>> {
  const prepared = await prepareRegisterNeuron(context, params);
  const { receipt, approval } = await sendAll(context, prepared.transactions, "Registering");
  const [registered] = findEvents(context, receipt, "NeuronRegistered");
  if (!registered) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no NeuronRegistered event.`);
  const [pruned] = findEvents(context, receipt, "NeuronPruned");
  return {
    receipt,
    result: {
      netuid: prepared.quote.netuid,
      uid: Number(registered.args.uid),
      hotkey: registered.args.hotkey as string,
      coldkey: registered.args.coldkey as string,
      price: registered.args.price as bigint,
      registeredAt: BigInt(receipt.blockNumber),
      replaced: pruned ? (pruned.args.hotkey as string) : undefined,
      approval,
    },
  };
}

/** Parameters of {@link addStake}, {@link delegateStake} and {@link removeStake}. */
export interface StakeParameters {
  netuid: NetuidRef;
  /** The hotkey staked on; the signer's own by default (another's is a delegation). */
  hotkey?: string;
  /** A bigint in stake token units, or a string in whole units ("100"). */
  amount: bigint | string;
}

/** What a stake change did. */
export interface StakeResult {
  netuid: bigint;
  hotkey: string;
  staker: string;
  amount: bigint;
  /** The staker's stake on the hotkey after it (counting and pending; unbonding stake not included). */
  position: bigint;
  /** The hotkey's stake after it (counting and pending). */
  hotkeyStake: bigint;
  /** The epoch (counted as epochs start) from whose start new stake counts and earns: the epoch after the next; absent for an unstake. */
  activeFrom?: bigint;
  /** For an unstake: the stake tokens paid back at once (pending stake, and unbonded stake that was free to leave). */
  released?: bigint;
  /** For an unstake: the part of `amount` that unbonds (it had counted), and the epoch from whose start it can be withdrawn. */
  unbonding?: bigint;
  withdrawableFrom?: bigint;
  approval?: TransactionReceipt;
}

/**
 * Builds a stake without sending it: an approval of the stake token when the allowance is short, then the stake.
 * With a read-only runner, `account` names the staker.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transactions = await client.subnets.prepareAddStake({ netuid: 1, hotkey: validator, amount: "500", account: safe });
 */
export async function prepareAddStake(context: SubnetContext, params: StakeParameters & { account?: string }): Promise<ContractTransaction[]> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const staker = params.account === undefined ? await signerAddress(context, "Staking") : address(params.account, "account");
  const hotkey = params.hotkey === undefined ? staker : address(params.hotkey, "hotkey");
  const info = await read(() => contract.subnet(id));
  const token = await readToken(context, info.stakeToken);
  const amount = units(params.amount, token);
  const approval = await approvalIfShort(context, token.address, staker, amount);
  const stake = await contract.stake.populateTransaction(id, hotkey, amount);
  return approval ? [approval, stake] : [stake];
}

/**
 * Stakes on a hotkey (the signer's own unless told): approves the stake token when the allowance is short, then
 * stakes. New stake counts for stake weight and earns dividends from the start of the epoch after the next: an
 * epoch pays for the tempo before it, so only stake present for that whole tempo counts in it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.addStake({ netuid: 1, amount: "1000" });
 */
export async function addStake(context: SubnetContext, params: StakeParameters): Promise<WriteResult<StakeResult>> {
  const id = toNetuid(params.netuid);
  const staker = await signerAddress(context, "Staking");
  const hotkey = params.hotkey === undefined ? staker : address(params.hotkey, "hotkey");
  const { receipt, approval } = await sendAll(context, await prepareAddStake(context, { ...params, hotkey }), "Staking");
  const [staked] = findEvents(context, receipt, "Staked");
  if (!staked) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no Staked event.`);
  return {
    receipt,
    result: {
      ...(await stakeAfter(context, id, hotkey, staker)),
      amount: staked.args.amount as bigint,
      activeFrom: staked.args.activeFrom as bigint,
      approval,
    },
  };
}

/**
 * Stakes on someone else's hotkey (a nomination): its validator keeps its take of the dividends, the rest is
 * shared by stake.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.subnets.delegateStake({ netuid: 1, hotkey: validator, amount: "500" });
 */
export async function delegateStake(context: SubnetContext, params: StakeParameters & { hotkey: string }): Promise<WriteResult<StakeResult>> {
  return addStake(context, params);
}

/**
 * Builds an unstake without sending it. With a read-only runner, `account` names the staker.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.subnets.prepareRemoveStake({ netuid: 1, hotkey: validator, amount: "250", account: safe });
 */
export async function prepareRemoveStake(context: SubnetContext, params: StakeParameters & { account?: string }): Promise<ContractTransaction> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const staker = params.account === undefined ? await signerAddress(context, "Unstaking") : address(params.account, "account");
  const hotkey = params.hotkey === undefined ? staker : address(params.hotkey, "hotkey");
  const info = await read(() => contract.subnet(id));
  return contract.unstake.populateTransaction(id, hotkey, units(params.amount, await readToken(context, info.stakeToken)));
}

/**
 * Takes stake off a hotkey and pays its dividends. Pending stake (which never counted) comes back at once; stake
 * that counted unbonds: it stops counting and earning now and can be withdrawn ({@link withdrawStake}) once the next
 * epoch has started. Allowed while an epoch runs.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.removeStake({ netuid: 1, amount: "250" });
 * if (result.unbonding) console.log(`${result.unbonding} unbonding until epoch ${result.withdrawableFrom}`);
 */
export async function removeStake(context: SubnetContext, params: StakeParameters): Promise<WriteResult<StakeResult>> {
  const id = toNetuid(params.netuid);
  const staker = await signerAddress(context, "Unstaking");
  const hotkey = params.hotkey === undefined ? staker : address(params.hotkey, "hotkey");
  const receipt = await send(context, await prepareRemoveStake(context, { ...params, hotkey }), "Unstaking");
  const [unstaked] = findEvents(context, receipt, "Unstaked");
  if (!unstaked) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no Unstaked event.`);
  const released = findEvents(context, receipt, "StakeWithdrawn").reduce((sum, e) => sum + (e.args.amount as bigint), 0n);
  return {
    receipt,
    result: {
      ...(await stakeAfter(context, id, hotkey, staker)),
      amount: unstaked.args.amount as bigint,
      released,
      unbonding: unstaked.args.unbonding as bigint,
      withdrawableFrom: unstaked.args.withdrawableFrom as bigint,
    },
  };
}

/** Parameters of {@link withdrawStake}. */
export interface WithdrawStakeParameters {
  netuid: NetuidRef;
  /** The hotkey unstaked from; the signer's own by default. */
  hotkey?: string;
  /** With a read-only runner (for {@link prepareWithdrawStake}): the staker. */
  account?: string;
}

/**
 * Builds the withdrawal of unbonded stake without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.subnets.prepareWithdrawStake({ netuid: 1, hotkey: validator, account: safe });
 */
export async function prepareWithdrawStake(context: SubnetContext, params: WithdrawStakeParameters): Promise<ContractTransaction> {
  const staker = params.account === undefined ? await signerAddress(context, "Withdrawing stake") : address(params.account, "account");
  const hotkey = params.hotkey === undefined ? staker : address(params.hotkey, "hotkey");
  return subnets(context).withdrawStake.populateTransaction(toNetuid(params.netuid), hotkey);
}

/**
 * Pays back the signer's unbonded stake on a hotkey that is free to leave (once the epoch after its unstake has
 * started), with its dividends. Refused with `SubnetStakeUnbondingError`, which names the epoch, while none is free.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.withdrawStake({ netuid: 1, hotkey: validator });
 */
export async function withdrawStake(
  context: SubnetContext,
  params: WithdrawStakeParameters,
): Promise<WriteResult<{ netuid: bigint; hotkey: string; staker: string; amount: bigint; rewards: bigint }>> {
  const id = toNetuid(params.netuid);
  const staker = await signerAddress(context, "Withdrawing stake");
  const hotkey = params.hotkey === undefined ? staker : address(params.hotkey, "hotkey");
  const receipt = await send(context, await prepareWithdrawStake(context, { netuid: id, hotkey }), "Withdrawing stake");
  const [withdrawn] = findEvents(context, receipt, "StakeWithdrawn");
  const [rewards] = findEvents(context, receipt, "StakeRewardsClaimed");
  return {
    receipt,
    result: {
      netuid: id,
      hotkey,
      staker,
      amount: (withdrawn?.args.amount as bigint | undefined) ?? 0n,
      rewards: (rewards?.args.amount as bigint | undefined) ?? 0n,
    },
  };
}

/** Parameters of {@link setDelegateTake}. */
export interface SetDelegateTakeParameters {
  netuid: NetuidRef;
  /** The hotkey; the signer's own by default (the signer must be its coldkey). */
  hotkey?: string;
  /** The take as a fraction of the dividends (0.18 for 18%), or a u16 proportion as a bigint. */
  take: number | bigint;
}

/**
 * Sets a validator hotkey's take of its dividends (its coldkey only): a decrease applies at once, an increase
 * from the start of the epoch after the next.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.subnets.setDelegateTake({ netuid: 1, take: 0.09 });
 */
export async function setDelegateTake(
  context: SubnetContext,
  params: SetDelegateTakeParameters,
): Promise<WriteResult<{ hotkey: string; take: number; from: bigint }>> {
  const id = toNetuid(params.netuid);
  const caller = await signerAddress(context, "Setting a take");
  const hotkey = params.hotkey === undefined ? caller : address(params.hotkey, "hotkey");
  const take = typeof params.take === "bigint" ? Number(params.take) : Math.round(params.take * 65_535);
  if (!Number.isInteger(take) || take < 0 || take > 65_535) throw new InvalidAmountError(`A take of ${params.take} is not between 0 and 1.`);
  const receipt = await send(context, await subnets(context).setTake.populateTransaction(id, hotkey, take), "Setting a take");
  const [set] = findEvents(context, receipt, "TakeSet");
  return { receipt, result: { hotkey, take: Number(set?.args.take ?? take), from: (set?.args.from as bigint | undefined) ?? 0n } };
}

/**
 * Adds reward tokens to a subnet's reward pool (anyone may), approving them when the allowance is short.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.subnets.fundSubnet({ netuid: 1, amount: "10000" });
 */
export async function fundSubnet(
  context: SubnetContext,
  params: { netuid: NetuidRef; amount: bigint | string },
): Promise<WriteResult<{ amount: bigint; rewardPool: bigint }>> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const payer = await signerAddress(context, "Funding");
  const info = await read(() => contract.subnet(id));
  const amount = units(params.amount, await readToken(context, info.rewardToken));
  const approval = await approvalIfShort(context, info.rewardToken, payer, amount);
  const fund = await contract.fund.populateTransaction(id, amount);
  const { receipt } = await sendAll(context, approval ? [approval, fund] : [fund], "Funding");
  const [funded] = findEvents(context, receipt, "SubnetFunded");
  return { receipt, result: { amount: (funded?.args.amount as bigint | undefined) ?? amount, rewardPool: (await read(() => contract.subnet(id))).rewardPool } };
}

// ------------------------------------------------------------------------------------------- candidates

/** Parameters of {@link publishCandidate}. */
export interface PublishCandidateParameters {
  netuid: NetuidRef;
  /** A file or folder of weights to upload, or the CID of weights on IPFS already. */
  path?: string;
  cid?: CID | string;
  /** The CID of a description of the candidate (a card, metrics); none by default. */
  metadataCid?: CID | string;
  onProgress?: (progress: AddProgress) => void;
}

/**
 * Publishes the signer's (hotkey's) candidate: uploads the weights to IPFS (pinned) and records the CID on chain
 * for validators to fetch and evaluate.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.publishCandidate({ netuid: 1, path: "./weights" });
 * console.log(result.cid.toString());
 */
export async function publishCandidate(context: SubnetContext, params: PublishCandidateParameters): Promise<WriteResult<CandidateView>> {
  const id = toNetuid(params.netuid);
  const hotkey = await signerAddress(context, "Publishing a candidate");
  let cid: CID;
  if (params.cid !== undefined) cid = cidFromBytes(cidToBytes(params.cid));
  else if (params.path !== undefined) cid = (await uploadCandidate(context.ipfs, params.path, params.onProgress)).cid;
  else throw new SdkError("A candidate needs its weights: give a path to upload or a CID.");
  const metadata = params.metadataCid === undefined ? "0x" : cidToBytes(params.metadataCid);
  const receipt = await send(context, await subnets(context).publishCandidate.populateTransaction(id, cidToBytes(cid), metadata), "Publishing a candidate");
  const [published] = findEvents(context, receipt, "CandidatePublished");
  return {
    receipt,
    result: { netuid: id, hotkey, uid: published ? Number(published.args.uid) : undefined, cid, updatedAt: BigInt(receipt.blockNumber) },
  };
}

/**
 * The candidate a hotkey (or UID) published last, or undefined when it has published none.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const candidate = await client.subnets.getCandidate({ netuid: 1, hotkey: miner });
 */
export async function getCandidate(
  context: SubnetContext,
  params: { netuid: NetuidRef; hotkey: string | number },
): Promise<CandidateView | undefined> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const uid = await resolveUid(context, id, params.hotkey);
  const [neuron, candidate] = await read(() => Promise.all([contract.neuron(id, uid), contract.candidateOf(id, uid)]));
  if (candidate.weightsCid === "0x") return undefined;
  return { netuid: id, hotkey: neuron.hotkey, uid, cid: cidFromBytes(candidate.weightsCid), updatedAt: candidate.publishedAt };
}

/**
 * Every UID's latest candidate, in UID order (UIDs without one left out).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * for (const c of await client.subnets.listCandidates(1)) console.log(c.uid, c.cid.toString());
 */
export async function listCandidates(context: SubnetContext, netuid: NetuidRef): Promise<CandidateView[]> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const info = await read(() => contract.subnet(id));
  const n = Number(info.n);
  const [neurons, candidates] = await read(() =>
    Promise.all([
      Promise.all(Array.from({ length: Math.ceil(n / NEURON_PAGE) }, (_, p) => contract.neurons(id, p * NEURON_PAGE, NEURON_PAGE))).then((pages) => pages.flat()),
      Promise.all(Array.from({ length: n }, (_, uid) => contract.candidateOf(id, uid))),
    ]),
  );
  return candidates.flatMap((c, uid) =>
    c.weightsCid === "0x" ? [] : [{ netuid: id, hotkey: neurons[uid].hotkey, uid, cid: cidFromBytes(c.weightsCid), updatedAt: c.publishedAt }],
  );
}

/**
 * Fetches a candidate's weights into `destination` through IPFS, every block verified and the root checked
 * against the CID on chain.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { pulled } = await client.subnets.pullCandidate({ netuid: 1, hotkey: miner, destination: "./candidate" });
 */
export async function pullCandidate(
  context: SubnetContext,
  params: { netuid: NetuidRef; hotkey: string | number; destination: string; onProgress?: (progress: { bytes: number; total: number }) => void },
): Promise<{ candidate: CandidateView; pulled: PullResult }> {
  const candidate = await getCandidate(context, params);
  if (!candidate) throw new SdkError(`${params.hotkey} has published no candidate on subnet ${toNetuid(params.netuid)}.`);
  const pulled = await downloadCandidate(context.ipfs, candidate.cid, params.destination, params.onProgress);
  return { candidate, pulled };
}

// --------------------------------------------------------------------------------------------- weights

/** Parameters of {@link commitWeights}. */
export interface CommitWeightsParameters {
  netuid: NetuidRef;
  uids: number[];
  /** Any scale: scaled so that the largest is 65535 (see `toU16Weights`). */
  weights: (number | bigint)[];
  /**
   * The version key of the weights; by default the subnet's `weightsVersionKey`, the lowest it accepts. The commit
   * keeps the key in force when it is made: its reveal is checked against that, whatever the key is then.
   */
  versionKey?: bigint;
  /** Name UIDs whose weight is zero with a zero weight instead of leaving them out (see `toU16Weights`). */
  keepZeros?: boolean;
  /** Where the salt is kept; `SUBNET_COMMITS_FILE`, else `.subnets/commits.json` in the working directory. */
  commitsFile?: string;
}

/**
 * Commits the signer's (hotkey's) weights: scales them to u16, draws a random salt, hashes them as the contract
 * does, keeps the uids, weights, salt, version key, commit epoch and reveal epoch in the commits file BEFORE
 * sending (so a crash after sending never loses a salt), then commits the hash. A validator reveals with
 * {@link revealWeights}, after a restart too.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result, file } = await client.subnets.commitWeights({ netuid: 1, uids: [0, 1, 2], weights: [0.5, 0.3, 0.2] });
 * console.log(`reveal when ${result.revealEpoch} epochs are complete; salt in ${file}`);
 */
export async function commitWeights(
  context: SubnetContext,
  params: CommitWeightsParameters,
): Promise<WriteResult<StoredWeightCommit> & { file: string }> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const hotkey = await signerAddress(context, "Committing weights");
  const file = commitsFile(params.commitsFile);
  const [info, p, chainId] = await Promise.all([read(() => contract.subnet(id)), getSubnetHyperparameters(context, id), chain(context)]);
  const { uids, weights } = toU16Weights(params.uids, params.weights, Math.max(0, Number(info.n) - 1), {
    keepZeros: params.keepZeros,
  });
  const salt = hexlify(randomBytes(32));
  const versionKey = params.versionKey ?? p.weightsVersionKey;
  // The commit is held to the key in force now: a lower one could never be revealed.
  if (versionKey < p.weightsVersionKey) {
    throw new InvalidWeightsError(
      `Version key ${versionKey} is below the subnet's weightsVersionKey ${p.weightsVersionKey}: a commit made with it could not be revealed. Commit with ${p.weightsVersionKey} or later.`,
    );
  }
  const hash = await read(() => contract.weightsCommitHash(hotkey, id, uids, weights, salt, versionKey));
  const entry: StoredWeightCommit = {
    chainId,
    contract: await contract.getAddress(),
    netuid: id.toString(),
    hotkey,
    hash,
    uids,
    weights,
    salt,
    versionKey: versionKey.toString(),
    commitEpoch: info.epochNumber.toString(),
    revealEpoch: (info.epochNumber + BigInt(p.revealPeriod)).toString(),
    blockNumber: 0,
    transaction: "",
    createdAt: new Date().toISOString(),
  };
  await saveWeightCommit(file, entry);
  let receipt: TransactionReceipt;
  try {
    receipt = await send(context, await contract.commitWeights.populateTransaction(id, hash), "Committing weights");
  } catch (error) {
    // Refused: nothing was committed, so the salt is of no use.
    await removeWeightCommits(file, keyOf(entry), [hash]);
    throw error;
  }
  const [committed] = findEvents(context, receipt, "WeightsCommitted");
  const recorded = await read(() => contract.commitOf(id, Number(committed?.args.uid ?? 0)));
  const final: StoredWeightCommit = {
    ...entry,
    commitEpoch: recorded.hash === hash ? recorded.epoch.toString() : entry.commitEpoch,
    revealEpoch: committed ? (committed.args.revealEpoch as bigint).toString() : entry.revealEpoch,
    blockNumber: receipt.blockNumber,
    transaction: receipt.hash,
  };
  await saveWeightCommit(file, final);
  return { receipt, result: final, file };
}

/** Parameters of {@link revealWeights}. */
export interface RevealWeightsParameters {
  netuid: NetuidRef;
  /** The commits file the commit was kept in (see {@link commitWeights}). */
  commitsFile?: string;
}

/**
 * Reveals the signer's pending commit with the salt kept in the commits file: checks first that the reveal
 * window is open (refusing an early reveal with the epoch it opens at, and an expired one with the epoch it
 * closed at), sends the reveal, and removes the entry once it succeeded (and any entries of commits the chain no
 * longer holds).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.revealWeights({ netuid: 1 });
 * console.log(result.uids, result.weights);
 */
export async function revealWeights(
  context: SubnetContext,
  params: RevealWeightsParameters,
): Promise<WriteResult<StoredWeightCommit> & { file: string }> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const hotkey = await signerAddress(context, "Revealing weights");
  const file = commitsFile(params.commitsFile);
  const [registered, uid] = await read(() => contract.uidOf(id, hotkey));
  if (!registered) throw decodeRevertOf("SubnetNotRegistered", [id, hotkey]);
  const [info, commit, chainId] = await Promise.all([read(() => contract.subnet(id)), read(() => contract.commitOf(id, uid)), chain(context)]);
  const key: CommitKey = { chainId, contract: await contract.getAddress(), netuid: id, hotkey };
  const stored = await readWeightCommits(file, key);
  if (commit.hash === `0x${"0".repeat(64)}`) {
    throw new WeightRevealError(`UID ${uid} of ${hotkey} has no pending weight commit on subnet ${id}.`, {
      details: stored.length ? `${file} keeps ${stored.length} salt(s) of commits the chain no longer holds.` : undefined,
    });
  }
  const entry = stored.find((e) => e.hash.toLowerCase() === commit.hash.toLowerCase());
  if (!entry) {
    throw new WeightRevealError(`No salt is kept in ${file} for UID ${uid}'s commit ${commit.hash} on subnet ${id}: it cannot be revealed.`, {
      details: "Reveal from the machine (or with the --commits-file) that made the commit, or commit again.",
    });
  }
  const now = info.epochNumber;
  if (now < commit.revealEpoch) {
    const wait = commit.revealEpoch - now;
    throw new WeightRevealError(
      `Too early: the commit of epoch ${commit.epoch} is revealed when ${commit.revealEpoch} epochs are complete, and ${now} are (${wait} more to run; the next may start from block ${info.nextEpochBlock}).`,
    );
  }
  if (now > commit.revealEpoch) {
    await removeWeightCommits(file, key, [entry.hash]);
    throw new WeightRevealError(
      `Too late: the commit of epoch ${commit.epoch} had to be revealed when ${commit.revealEpoch} epochs were complete, and ${now} are. Its salt is removed; commit again.`,
    );
  }
  const receipt = await send(
    context,
    await contract.revealWeights.populateTransaction(id, entry.uids, entry.weights, entry.salt, BigInt(entry.versionKey)),
    "Revealing weights",
  );
  const stale = stored.filter((e) => e.hash !== entry.hash).map((e) => e.hash);
  await removeWeightCommits(file, key, [entry.hash, ...stale]);
  return { receipt, result: entry, file };
}

/**
 * The commits the file keeps for the signer (or `hotkey`) on a subnet, with the chain's pending commit.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { stored, pending } = await client.subnets.getPendingCommits({ netuid: 1 });
 */
export async function getPendingCommits(
  context: SubnetContext,
  params: { netuid: NetuidRef; hotkey?: string; commitsFile?: string },
): Promise<{ stored: StoredWeightCommit[]; pending?: { hash: string; epoch: bigint; revealEpoch: bigint; blockNumber: bigint } }> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const hotkey = params.hotkey === undefined ? await signerAddress(context, "Reading commits") : address(params.hotkey, "hotkey");
  const key: CommitKey = { chainId: await chain(context), contract: await contract.getAddress(), netuid: id, hotkey };
  const stored = await readWeightCommits(commitsFile(params.commitsFile), key);
  const [registered, uid] = await read(() => contract.uidOf(id, hotkey));
  if (!registered) return { stored };
  const commit = await read(() => contract.commitOf(id, uid));
  if (commit.hash === `0x${"0".repeat(64)}`) return { stored };
  return { stored, pending: { hash: commit.hash, epoch: commit.epoch, revealEpoch: commit.revealEpoch, blockNumber: commit.blockNumber } };
}

/**
 * Sets the signer's weights directly, on a subnet without commit and reveal.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.subnets.setWeights({ netuid: 1, uids: [0, 1], weights: [3, 1] });
 */
export async function setWeights(
  context: SubnetContext,
  params: { netuid: NetuidRef; uids: number[]; weights: (number | bigint)[]; versionKey?: bigint; keepZeros?: boolean },
): Promise<WriteResult<{ uids: number[]; weights: number[] }>> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const [info, p] = await Promise.all([read(() => contract.subnet(id)), getSubnetHyperparameters(context, id)]);
  const scaled = toU16Weights(params.uids, params.weights, Math.max(0, Number(info.n) - 1), { keepZeros: params.keepZeros });
  const versionKey = params.versionKey ?? p.weightsVersionKey;
  const receipt = await send(
    context,
    await contract.setWeights.populateTransaction(id, scaled.uids, scaled.weights, versionKey),
    "Setting weights",
  );
  return { receipt, result: scaled };
}

// ---------------------------------------------------------------------------------------------- epochs

/** What {@link advanceEpoch} did. */
export interface AdvanceEpochResult {
  netuid: bigint;
  /** The epoch completed (0-based: the `epochNumber` it ran at). */
  epochNumber: bigint;
  /** Transactions sent (the start included). */
  steps: number;
  /** Emission taken from the pool, before the owner's cut and the keeper's reward (known when this call started the epoch). */
  emission?: bigint;
  ownerCut?: bigint;
  /** Reward tokens credited to UIDs. */
  paid: bigint;
  /** What the sender of the completing step was credited, out of the emission. */
  keeperReward: bigint;
  /** Emission not credited, returned to the pool (rounding). */
  dust: bigint;
  gasUsed: bigint;
  maxStepGas: bigint;
  /** The first block in which the next epoch may start. */
  nextEpochBlock: bigint;
  transactions: string[];
}

/**
 * Runs the subnet's due epoch to completion: starts it (or resumes a running one) and sends steps until one
 * completes it, reporting progress after each transaction. Anyone may; the sender of the completing step is
 * credited the keeper reward. Unless `hints` is false, the steps of the consensus pass carry the reference epoch's
 * consensus ({@link previewEpoch}, read before the first transaction), which the contract checks column by column
 * and which spares it most weighted-median selections when validators have set new weights; a stale guess only
 * costs that selection, never a different result.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const result = await client.subnets.advanceEpoch({ netuid: 1, onStep: (p) => console.log(`step ${p.step}/${p.total}`) });
 * console.log(result.paid, result.steps);
 */
export async function advanceEpoch(
  context: SubnetContext,
  params: { netuid: NetuidRef; onStep?: (progress: EpochStepProgress) => void; maxSteps?: number; hints?: boolean },
): Promise<AdvanceEpochResult> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const info = await read(() => contract.subnet(id));
  const n = Number(info.n);
  const hints = params.hints !== false && n > 0 ? await consensusHints(context, id) : [];
  // Only the consensus pass reads the guesses: later steps go without them (their calldata would be wasted).
  let consensusPass = info.epochRunning;
  const words = Math.max(1, Math.ceil(n / 16));
  const maxSteps = params.maxSteps ?? 1_000;
  const result: AdvanceEpochResult = {
    netuid: id,
    epochNumber: info.epochNumber,
    steps: 0,
    paid: 0n,
    keeperReward: 0n,
    dust: 0n,
    gasUsed: 0n,
    maxStepGas: 0n,
    nextEpochBlock: 0n,
    transactions: [],
  };
  for (;;) {
    if (result.steps >= maxSteps) throw new SdkError(`The epoch of subnet ${id} is not complete after ${maxSteps} transactions.`);
    const receipt = await send(
      context,
      await contract.advanceEpoch.populateTransaction(id, consensusPass ? hints : []),
      "Advancing the epoch",
    );
    result.steps++;
    result.gasUsed += receipt.gasUsed;
    if (receipt.gasUsed > result.maxStepGas) result.maxStepGas = receipt.gasUsed;
    result.transactions.push(receipt.hash);
    const [started] = findEvents(context, receipt, "EpochStarted");
    if (started) {
      result.epochNumber = started.args.epoch as bigint;
      result.emission = started.args.emission as bigint;
      result.ownerCut = started.args.ownerCut as bigint;
    }
    const [completed] = findEvents(context, receipt, "EpochCompleted");
    // Progress: the passes over word-columns (consensus, bonds) and over UIDs (emission), from the step event.
    const stepped = findEpochSteps(context, receipt).at(-1);
    consensusPass = started !== undefined || Number(stepped?.args.phase ?? 0) === 1;
    const fraction = completed ? 1 : stepped ? progressFraction(Number(stepped.args.phase), Number(stepped.args.cursor), words, n) : 0;
    const total = completed ? result.steps : Math.max(result.steps + 1, fraction > 0 ? Math.ceil(result.steps / fraction) : result.steps + 1);
    params.onStep?.({ step: result.steps, total, gasUsed: receipt.gasUsed, transaction: receipt.hash, done: Boolean(completed) });
    if (completed) {
      result.epochNumber = completed.args.epoch as bigint;
      result.paid = completed.args.paid as bigint;
      result.dust = completed.args.dust as bigint;
      const [keeper] = findEvents(context, receipt, "KeeperRewarded");
      result.keeperReward = (keeper?.args.amount as bigint | undefined) ?? 0n;
      break;
    }
  }
  result.nextEpochBlock = (await read(() => contract.subnet(id))).nextEpochBlock;
  return result;
}

/**
 * The reference epoch's consensus for the subnet's next (or running) epoch, packed as `advanceEpoch` sends it; none
 * when the preview cannot be computed (a state read failing), since guesses only save gas.
 */
async function consensusHints(context: SubnetContext, netuid: bigint): Promise<bigint[]> {
  try {
    return packConsensusHints((await previewEpoch(context, netuid)).output.consensus);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------- rewards

/** What an account may claim on a subnet: {@link getSubnetRewards}. */
export interface SubnetRewardsView {
  account: string;
  /**
   * Incentive, take, owner's cut and keeper rewards, paid by {@link claimRewards}: the account's claimable balance
   * and what its UIDs (as coldkey) have yet to claim.
   */
  claimable: bigint;
  /** The account's UIDs with rewards yet to claim (part of `claimable`). */
  uids: number[];
  /**
   * Per hotkey the account stakes on (of the hotkeys asked about): its dividends, its stake (counting and pending),
   * its unbonding stake, the part of it free to withdraw now, and the epoch from whose start the rest is.
   */
  stakeRewards: { hotkey: string; amount: bigint; position: bigint; unbonding: bigint; withdrawable: bigint; unbondingUntil: bigint }[];
  total: bigint;
}

/**
 * What an account may claim on a subnet: its claimable rewards, and the dividends of its stake on the hotkeys
 * given (every registered hotkey by default).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { total } = await client.subnets.getSubnetRewards({ netuid: 1 });
 */
export async function getSubnetRewards(
  context: SubnetContext,
  params: { netuid: NetuidRef; account?: string; hotkeys?: string[] },
): Promise<SubnetRewardsView> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const account = params.account === undefined ? await signerAddress(context, "Reading rewards") : address(params.account, "account");
  const hotkeys = params.hotkeys?.map((h) => address(h, "hotkey")) ?? (await registeredHotkeys(context, id));
  const [claimable, uids, positions] = await read(() =>
    Promise.all([
      contract.claimable(id, account),
      contract.unclaimedUids(id, account),
      Promise.all(hotkeys.map((h) => contract.positionOf(id, h, account))),
    ]),
  );
  const stakeRewards = positions
    .map((p, i) => ({
      hotkey: hotkeys[i],
      amount: p.rewards,
      position: p.active + p.pendingNext + p.pendingLater,
      unbonding: p.unbonding,
      withdrawable: p.withdrawable,
      unbondingUntil: p.unbondingUntil,
    }))
    .filter((r) => r.amount > 0n || r.position > 0n || r.unbonding > 0n);
  return {
    account,
    claimable,
    uids: uids.map(Number),
    stakeRewards,
    total: claimable + stakeRewards.reduce((sum, r) => sum + r.amount, 0n),
  };
}

/** What {@link claimRewards} paid. */
export interface ClaimRewardsResult {
  to: string;
  /** Rewards (incentive, take, owner's cut, keeper rewards). */
  rewards: bigint;
  /** Dividends of stake. */
  stakeRewards: bigint;
  amount: bigint;
  transactions: string[];
}

/**
 * Claims everything the signer may on a subnet: its claimable rewards and the dividends of its stake (on every
 * hotkey it stakes on), in one or two transactions. Refuses with a sentence when there is nothing to claim.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.subnets.claimRewards({ netuid: 1 });
 * console.log(result.amount);
 */
export async function claimRewards(
  context: SubnetContext,
  params: { netuid: NetuidRef; to?: string; hotkeys?: string[] },
): Promise<WriteResult<ClaimRewardsResult>> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const account = await signerAddress(context, "Claiming");
  const to = params.to === undefined ? account : address(params.to, "to");
  const owed = await getSubnetRewards(context, { netuid: id, account, hotkeys: params.hotkeys });
  if (owed.claimable === 0n && owed.stakeRewards.every((r) => r.amount === 0n)) throw decodeRevertOf("SubnetNothingToClaim", [account]);
  const result: ClaimRewardsResult = { to, rewards: 0n, stakeRewards: 0n, amount: 0n, transactions: [] };
  let receipt: TransactionReceipt | undefined;
  if (owed.claimable > 0n) {
    receipt = await send(context, await contract.claim.populateTransaction(id, owed.uids, to), "Claiming");
    const [claimed] = findEvents(context, receipt, "RewardsClaimed");
    result.rewards = (claimed?.args.amount as bigint | undefined) ?? owed.claimable;
    result.transactions.push(receipt.hash);
  }
  const withRewards = owed.stakeRewards.filter((r) => r.amount > 0n).map((r) => r.hotkey);
  if (withRewards.length > 0) {
    receipt = await send(context, await contract.claimStakeRewards.populateTransaction(id, withRewards, to), "Claiming stake rewards");
    result.stakeRewards = findEvents(context, receipt, "StakeRewardsClaimed").reduce((sum, e) => sum + (e.args.amount as bigint), 0n);
    result.transactions.push(receipt.hash);
  }
  result.amount = result.rewards + result.stakeRewards;
  return { receipt: receipt!, result };
}

// --------------------------------------------------------------------------------------------- internals

async function uploadCard(context: SubnetContext, card: SubnetCard): Promise<CID> {
  if (!context.ipfs) {
    throw new SdkError("A subnet's description is stored on IPFS: create the client with an IPFS backend, or give its metadataCid.");
  }
  if (typeof card.name !== "string" || card.name.trim() === "") throw new SubnetParameterError("A subnet's description needs a name.");
  return (await context.ipfs.addBytes(new TextEncoder().encode(JSON.stringify(card)))).cid;
}

function subnets(context: SubnetContext): Subnets {
  const found = context.deployment?.contracts.Subnets;
  if (!found) {
    throw new SubnetsNotDeployedError("The protocol's deployment on this chain has no subnets contract.", {
      details: "Deploy the protocol again with subnets (npx hardhat protocol deploy), or use a deployments file that records Subnets.",
    });
  }
  return Subnets__factory.connect(found.address, context.runner);
}

function read<T>(action: () => Promise<T>): Promise<T> {
  return withDecodedReverts(interfaces, action);
}

function send(context: SubnetContext, transaction: ContractTransaction, what: string): Promise<TransactionReceipt> {
  return sendTransaction(context, transaction, what, read);
}

/** The named SDK error for a custom error of the subnets contract, raised before sending anything. */
function decodeRevertOf(name: string, args: unknown[]): unknown {
  return decodeRevert({ code: "CALL_EXCEPTION", data: subnetsInterface.encodeErrorResult(name, args) }, [subnetsInterface]);
}

function toNetuid(netuid: NetuidRef): bigint {
  const text = String(netuid).trim();
  if (!/^\d+$/.test(text)) throw new SdkError(`"${netuid}" is not a subnet id: subnets are numbered 1, 2, 3...`);
  return BigInt(text);
}

async function blockNumber(context: SubnetContext): Promise<number> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Reading a subnet needs a provider: connect the client to one.");
  return provider.getBlockNumber();
}

async function chain(context: SubnetContext): Promise<number> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("This needs a provider: connect the client to one.");
  return Number((await provider.getNetwork()).chainId);
}

async function readToken(context: SubnetContext, token: string): Promise<SubnetToken> {
  const erc20 = IPaymentToken__factory.connect(token, context.runner);
  const [symbol, decimals] = await Promise.all([erc20.symbol().catch(() => ""), erc20.decimals().catch(() => 18n)]);
  return { address: getAddress(token), symbol: symbol || `${token.slice(0, 8)}…`, decimals: Number(decimals) };
}

function units(amount: bigint | string, token: SubnetToken): bigint {
  const value = typeof amount === "bigint" ? amount : parseAmount(amount, token.decimals);
  if (value <= 0n) throw new InvalidAmountError(`The amount must be more than zero ${token.symbol}.`);
  return value;
}

/**
 * The approval of `amount` of `token` for the subnets contract when `owner`'s allowance is short; refuses first
 * a balance below `amount` (with the token's own error), so nothing is signed for a payment that would fail.
 */
async function approvalIfShort(context: SubnetContext, token: string, owner: string, amount: bigint): Promise<ContractTransaction | undefined> {
  const spender = context.deployment!.contracts.Subnets!.address;
  const erc20 = IPaymentToken__factory.connect(token, context.runner);
  const [allowance, balance] = await read(() => Promise.all([erc20.allowance(owner, spender), erc20.balanceOf(owner)]));
  if (balance < amount) {
    throw decodeRevert(
      { code: "CALL_EXCEPTION", data: ModelToken__factory.createInterface().encodeErrorResult("ERC20InsufficientBalance", [owner, balance, amount]) },
      interfaces,
    );
  }
  return allowance >= amount ? undefined : erc20.approve.populateTransaction(spender, amount);
}

/** Sends `transactions` in order; the last is the action, any before it an approval. */
async function sendAll(
  context: SubnetContext,
  transactions: ContractTransaction[],
  what: string,
): Promise<{ receipt: TransactionReceipt; approval?: TransactionReceipt }> {
  let approval: TransactionReceipt | undefined;
  for (const transaction of transactions.slice(0, -1)) approval = await send(context, transaction, "Approving");
  return { receipt: await send(context, transactions.at(-1)!, what), approval };
}

async function stakeAfter(context: SubnetContext, netuid: bigint, hotkey: string, staker: string): Promise<Omit<StakeResult, "amount">> {
  const contract = subnets(context);
  const [position, pool] = await read(() => Promise.all([contract.positionOf(netuid, hotkey, staker), contract.stakeOf(netuid, hotkey)]));
  return {
    netuid,
    hotkey,
    staker,
    position: position.active + position.pendingNext + position.pendingLater,
    hotkeyStake: pool.active + pool.pendingNext + pool.pendingLater,
  };
}

async function registeredHotkeys(context: SubnetContext, netuid: bigint): Promise<string[]> {
  const contract = subnets(context);
  const info = await read(() => contract.subnet(netuid));
  const n = Number(info.n);
  const pages = await read(() =>
    Promise.all(Array.from({ length: Math.ceil(n / NEURON_PAGE) }, (_, p) => contract.neurons(netuid, p * NEURON_PAGE, NEURON_PAGE))),
  );
  return pages.flat().map((u) => u.hotkey);
}

async function resolveUid(context: SubnetContext, netuid: bigint, hotkey: string | number): Promise<number> {
  if (typeof hotkey === "number" || /^\d+$/.test(hotkey)) return Number(hotkey);
  const [registered, uid] = await read(() => subnets(context).uidOf(netuid, address(hotkey, "hotkey")));
  if (!registered) throw decodeRevertOf("SubnetNotRegistered", [netuid, getAddress(hotkey)]);
  return Number(uid);
}

function keyOf(entry: StoredWeightCommit): CommitKey {
  return { chainId: entry.chainId, contract: entry.contract, netuid: BigInt(entry.netuid), hotkey: entry.hotkey };
}

function findEvents(context: SubnetContext, receipt: TransactionReceipt, name: string): LogDescription[] {
  const emitter = getAddress(context.deployment!.contracts.Subnets!.address);
  const found: LogDescription[] = [];
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== emitter) continue;
    let parsed: LogDescription | null = null;
    try {
      parsed = subnetsInterface.parseLog(log);
    } catch {
      parsed = null;
    }
    if (parsed?.name === name) found.push(parsed);
  }
  return found;
}

function findEpochSteps(context: SubnetContext, receipt: TransactionReceipt): LogDescription[] {
  const emitter = getAddress(context.deployment!.contracts.Subnets!.address);
  const found: LogDescription[] = [];
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== emitter) continue;
    let parsed: LogDescription | null = null;
    try {
      parsed = epochInterface.parseLog(log);
    } catch {
      parsed = null;
    }
    if (parsed?.name === "YumaEpochStepped") found.push(parsed);
  }
  return found;
}

/** How far a running epoch is, from its pass (1 to 3) and cursor: two passes over word-columns, one over UIDs. */
function progressFraction(phase: number, cursor: number, words: number, n: number): number {
  const length = phase <= 2 ? words : Math.max(1, n);
  return Math.min(0.99, (phase - 1 + Math.min(1, cursor / length)) / 3);
}

function toHyperparameters(struct: object): SubnetHyperparameters {
  // TypeChain's struct output is a Result with the fields also named.
  const raw = struct as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of HYPERPARAMETER_KEYS) {
    const value = raw[key];
    out[key] = BIGINT_KEYS.has(key) ? BigInt(value as bigint) : BOOLEAN_KEYS.has(key) ? Boolean(value) : Number(value);
  }
  return out as unknown as SubnetHyperparameters;
}

function mergeHyperparameters(base: SubnetHyperparameters, changes: Partial<SubnetHyperparameters>): SubnetHyperparameters {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const name = key as keyof SubnetHyperparameters;
    if (!HYPERPARAMETER_KEYS.includes(name)) {
      throw new SubnetParameterError(`"${key}" is not a hyperparameter. Known: ${HYPERPARAMETER_KEYS.join(", ")}.`);
    }
    if (value === undefined) continue;
    if (BOOLEAN_KEYS.has(name)) {
      if (typeof value !== "boolean") throw new SubnetParameterError(`${key} is true or false, not ${String(value)}.`);
      merged[key] = value;
    } else if (BIGINT_KEYS.has(name)) {
      if (!/^\d+$/.test(String(value))) throw new SubnetParameterError(`${key} is a whole number of token units, not ${String(value)}.`);
      merged[key] = BigInt(String(value));
    } else {
      if (!Number.isInteger(Number(value)) || Number(value) < 0) throw new SubnetParameterError(`${key} is a whole number, not ${String(value)}.`);
      merged[key] = Number(value);
    }
  }
  return merged as unknown as SubnetHyperparameters;
}

/** u16 values as a packed row: 16 per word, column `j` in word `j >> 4` at bit `16 * (j & 15)`. */
function packU16(values: readonly number[]): bigint[] {
  const words = new Array<bigint>(16).fill(0n);
  values.forEach((v, j) => {
    if (v !== 0) words[j >> 4] |= BigInt(v) << BigInt(16 * (j & 15));
  });
  return words;
}

/** The stored bond rows of `uids` (16 packed words each) at `block`, as the epoch library reads them. */
async function readBondRows(context: SubnetContext, netuid: bigint, uids: number[], block: number): Promise<bigint[][]> {
  const contract = subnets(context);
  return Promise.all(uids.map(async (uid) => packU16((await contract.bondsOf(netuid, uid, { blockTag: block })).map(Number))));
}
