import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type {
  INetworkEmission,
  MockSubnetToken,
  NetworkEmission,
  ProtocolToken,
  Subnets,
} from "../../types/typechain/index.js";
import { cidN, DAY, ONE, TOKENS, Vote } from "../fixtures/constants.js";
import { proposalOf, type ProposalAction } from "../fixtures/governance.js";
import { deployProtocolFixture, impersonate, type Protocol } from "../fixtures/launch.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";

// Shared by the emission tests: the protocol as deployed (emission reserve, timelock, subnets), subnets that reward
// in the protocol token with staked validators, moving to the next emission period, votes, the share a subnet is due,
// and the protocol DAO's proposals.

/** An emission period in the deployment's default settings: one week. */
export const PERIOD = 7n * 24n * 60n * 60n;
/** The default share of the reserve released each period, in basis points. */
export const RATE_BPS = 50n;
/** The default cap on one subnet's share of a period, in basis points. */
export const CAP_BPS = 5000n;
/** The default blocks a subnet may be late for its next epoch. */
export const GRACE_BLOCKS = 7200n;
/** Basis points in a whole. */
export const BPS = 10_000n;
/** The most subnets one ballot names. */
export const MAX_SUBNETS = 16n;

export type EmissionSettings = INetworkEmission.EmissionSettingsStruct;
/** The deployment's default settings. */
export const SETTINGS = {
  periodLength: PERIOD,
  rateBps: RATE_BPS,
  capBps: CAP_BPS,
  graceBlocks: GRACE_BLOCKS,
  minValidators: 1n,
} satisfies EmissionSettings;

/** No settings: what the contract shows when none are queued. */
export const NO_SETTINGS = { periodLength: 0n, rateBps: 0n, capBps: 0n, graceBlocks: 0n, minValidators: 0n };

/** Settings as the contract returns them, as an object to compare with {@link SETTINGS}. */
export function settingsOf(s: INetworkEmission.EmissionSettingsStructOutput) {
  const { periodLength, rateBps, capBps, graceBlocks, minValidators } = s;
  return { periodLength, rateBps, capBps, graceBlocks, minValidators };
}

/** `INetworkEmission.Activity`, in its declaration order. */
export enum Activity {
  Active,
  NoEpoch,
  Overdue,
  TooFewValidators,
}

/** A subnet's share of a period as the contract computes it: by weight, rounded down, and at most the cap. */
export function expectedShare(released: bigint, weight: bigint, total: bigint, capBps = CAP_BPS): bigint {
  if (weight === 0n) return 0n;
  const share = (released * weight) / total;
  const cap = (released * capBps) / BPS;
  return share < cap ? share : cap;
}

/** One subnet an emission test uses: its netuid and its hotkeys (validators first). */
export interface EmissionSubnet {
  netuid: bigint;
  hotkeys: HardhatEthersSigner[];
}

/**
 * The deployed protocol with the emission holding its development reserve, the four token holders (signers 0-3)
 * delegated to themselves, and a stake token every other signer holds and has approved.
 */
export async function emissionFixture(connection: NetworkConnection) {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const protocol = await deployProtocolFixture(connection);
  const { protocolToken: token, subnets, emission } = protocol;
  const holders = signers.slice(0, 4);
  for (const h of holders) await token.connect(h).delegate(h.address);
  const stakeToken = (await ethers.deployContract("MockSubnetToken", ["STK", 18])) as unknown as MockSubnetToken;
  for (const s of signers.slice(4)) {
    await stakeToken.mint(s.address, 1_000_000n * ONE);
    await stakeToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    // Registration is paid in the reward token, here the protocol token.
    await token.connect(signers[0]).transfer(s.address, TOKENS(10_000));
    await token.connect(s).approve(subnets.target, ethers.MaxUint256);
  }
  return { ...protocol, token, subnets, emission, holders, stakeToken, signers };
}

/**
 * Creates a subnet rewarding in `rewardToken` (the protocol token unless told), owned by `owner`, registers
 * `hotkeys` as its UIDs (each its own coldkey), stakes 1,000 on the first `validators` of them, and runs epochs
 * until that stake holds validator permits.
 */
export async function activeSubnet(
  connection: NetworkConnection,
  subnets: Subnets,
  stakeToken: MockSubnetToken,
  rewardToken: string,
  owner: HardhatEthersSigner,
  hotkeys: HardhatEthersSigner[],
  validators = 1,
): Promise<EmissionSubnet> {
  await subnets.connect(owner).createSubnet({
    stakeToken: stakeToken.target as string,
    rewardToken,
    model: 0n,
    metadataCid: cidN(7),
    hyperparameters: SMALL_SUBNET,
  });
  const netuid = await subnets.subnetCount();
  for (const h of hotkeys)
    await subnets.connect(h).register(netuid, h.address, h.address, connection.ethers.MaxUint256);
  for (const h of hotkeys.slice(0, validators)) await subnets.connect(h).stake(netuid, h.address, 1000n * ONE);
  // New stake counts from the start of the epoch after the next.
  for (let i = 0; i < 3; i++) await runEpoch(connection, subnets, netuid);
  return { netuid, hotkeys };
}

/** Mines to the subnet's next epoch and runs it to its end. */
export async function runEpoch(connection: NetworkConnection, subnets: Subnets, netuid: bigint): Promise<void> {
  const { ethers, networkHelpers } = connection;
  const info = await subnets.subnet(netuid);
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (!info.epochRunning && now + 1n < info.nextEpochBlock) await networkHelpers.mine(info.nextEpochBlock - now - 1n);
  do await subnets.advanceEpoch(netuid, []);
  while ((await subnets.subnet(netuid)).epochRunning);
}

/**
 * The emission fixture with three active subnets rewarding in the protocol token, `a`, `b` and `c` (owned by
 * signer 4, one staked validator and one other UID each), and a subnet `foreign` rewarding in the stake token; in
 * period 2, so that the holders' delegations count at the period's start.
 */
export async function subnetsFixture(connection: NetworkConnection) {
  const f = await emissionFixture(connection);
  const { subnets, stakeToken, token, signers } = f;
  const owner = signers[4];
  const reward = token.target as string;
  const a = await activeSubnet(connection, subnets, stakeToken, reward, owner, [signers[5], signers[6]]);
  const b = await activeSubnet(connection, subnets, stakeToken, reward, owner, [signers[7], signers[8]]);
  const c = await activeSubnet(connection, subnets, stakeToken, reward, owner, [signers[9], signers[10]]);
  const foreign = await createSubnet(subnets, owner, stakeToken.target as string);
  await nextPeriod(connection, f.emission);
  return { ...f, owner, a, b, c, foreign, stranger: signers[19] };
}

/** Creates a subnet rewarding in `rewardToken`, owned by `owner`, with no UID and no epoch; returns its netuid. */
export async function createSubnet(
  subnets: Subnets,
  owner: HardhatEthersSigner,
  rewardToken: string,
  stakeToken = rewardToken,
): Promise<bigint> {
  await subnets.connect(owner).createSubnet({
    stakeToken,
    rewardToken,
    model: 0n,
    metadataCid: cidN(8),
    hyperparameters: SMALL_SUBNET,
  });
  return subnets.subnetCount();
}

/** `voter` allocates its votes: `bps` to each netuid, given in ascending order. */
export function vote(
  emission: NetworkEmission,
  voter: HardhatEthersSigner,
  allocation: [bigint, number | bigint][],
): Promise<ContractTransactionResponse> {
  return emission.connect(voter).vote(
    allocation.map(([netuid]) => netuid),
    allocation.map(([, bps]) => bps),
  );
}

/** The protocol timelock as a signer, for calls a passed proposal would make. */
export function timelockSigner(connection: NetworkConnection, protocol: Protocol): Promise<HardhatEthersSigner> {
  return impersonate(connection, protocol.protocolTimelock.target as string);
}

/**
 * Passes `actions` through the protocol DAO as the deployment sets it up: holders 0 and 1 propose and vote for it,
 * it waits the voting delay, the voting period and the timelock's delay (8 days in all), and a stranger executes it.
 */
export async function passProposal(
  connection: NetworkConnection,
  protocol: Protocol,
  holders: HardhatEthersSigner[],
  actions: ProposalAction[],
  description: string,
): Promise<ContractTransactionResponse> {
  const { time } = connection.networkHelpers;
  const governor = protocol.protocolGovernor;
  const p = proposalOf(actions, description);
  await governor.connect(holders[0]).propose(p.targets, p.values, p.calldatas, p.description);
  const id = await governor.getProposalId(p.targets, p.values, p.calldatas, p.descriptionHash);
  await time.increase(DAY + 1);
  for (const h of holders.slice(0, 2)) await governor.connect(h).castVote(id, Vote.For);
  await time.increase(5 * DAY);
  await governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash);
  await time.increase(2 * DAY);
  return governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash);
}

/** Moves time to the start of the emission's next period. */
export async function nextPeriod(connection: NetworkConnection, emission: NetworkEmission): Promise<void> {
  const [, , end] = await emission.currentPeriod();
  await connection.networkHelpers.time.increaseTo(end);
}

export type { NetworkEmission, ProtocolToken, Subnets };
