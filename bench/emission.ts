// Gas of the network emission: votes, refreshes and distributions, whole-transaction, on the protocol as deployed
// (one-week periods, 0.5 % of the reserve released a period, a subnet's share capped at half of it), and how each
// grows with the voters voting and the subnets voted for (it must not: no call loops over voters or subnets).
//
// Every figure comes from a round of four periods on the same kind of state. In the first, the round's voters cast
// the allocations it later changes or refreshes, and two of them receive as many tokens again. In the second, one
// subnet's distribution opens the period (`pull`); then a first vote for one and for three subnets, a vote moving
// an allocation to another subnet, and refreshes of the two voters whose power grew. In the third, an empty
// distribution opens the period (`open`: its gas less the same call's once the period is open), then the same
// subnet's distribution (`distribute.single`). In the fourth, ten subnets' in one call (`distribute.tenSubnets`,
// and a tenth of it per subnet, `distribute`). Every subnet voted for rewards in the protocol token, has one
// staked validator and is active.
//
// The states grow from one start (a snapshot) along each dimension: 10, 100 and 1,000 voters voting, each for one
// of ten subnets; then 1, 10 and 100 subnets voted for by ten voters. The earlier rounds' own voters (five a round)
// vote besides. The figures without a state are the first one's: ten subnets voted for by ten voters.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { emissionFixture, nextPeriod, runEpoch } from "../test/emission/fixture.js";
import { cidN, ONE, TOKENS } from "../test/fixtures/constants.js";
import { SMALL_SUBNET } from "../test/fixtures/subnets.js";
import { gasOf, type GasEntry } from "./registry.js";

/** Subnets created (and kept active) for the largest state measured. */
const SUBNETS = 100;
/** Voters voting in the largest state measured. */
const VOTERS = 1000;
/** A subnet whose next epoch is due within this many blocks of losing its activity runs one before a round. */
const ACTIVITY_MARGIN = 500;
/** What every voter is given and delegates; voters whose power changes receive as much again. */
const HOLDING = TOKENS(1_000);

/** The operations a round measures, in the order they are recorded. */
const OPERATIONS = [
  "vote",
  "vote.threeSubnets",
  "vote.change",
  "refresh",
  "refresh.threeSubnets",
  "distribute",
  "distribute.tenSubnets",
  "distribute.single",
  "pull",
  "open",
] as const;
type Operation = (typeof OPERATIONS)[number];
/** The targets, set on the typical state's figures. */
const TARGETS: Partial<Record<Operation, number>> = { vote: 120_000, distribute: 60_000 };

export async function measureEmission(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const { token, subnets, emission, stakeToken, signers } = await emissionFixture(connection);
  const [holder] = signers;
  const [owner, validator, keeper] = signers.slice(4);
  const entries: GasEntry[] = [];

  // ---- Subnets rewarding in the protocol token, created together so that their epochs run in rounds: each has
  // one validator staked, and a reward pool that the epochs run to keep them active never empty.
  const netuids: bigint[] = [];
  await (await token.connect(holder).approve(subnets.target, ethers.MaxUint256)).wait();
  for (let i = 0; i < SUBNETS; i++) {
    await (
      await subnets.connect(owner).createSubnet({
        stakeToken: stakeToken.target as string,
        rewardToken: token.target as string,
        model: 0n,
        metadataCid: cidN(i + 1),
        hyperparameters: SMALL_SUBNET,
      })
    ).wait();
    const netuid = await subnets.subnetCount();
    netuids.push(netuid);
    await (await subnets.connect(validator).register(netuid, validator.address, validator.address, ONE * 10n)).wait();
    await (await subnets.connect(validator).stake(netuid, validator.address, 1_000n * ONE)).wait();
    await (await subnets.connect(holder).fund(netuid, TOKENS(1_000))).wait();
  }
  // Stake counts from the start of the epoch after the next, when the validator receives its permit.
  for (let round = 0; round < 3; round++) for (const netuid of netuids) await runEpoch(connection, subnets, netuid);
  const [{ graceBlocks }] = await emission.settings();
  /** Runs an epoch on each of `voted` whose activity would lapse within {ACTIVITY_MARGIN} blocks. */
  const keepActive = async (voted: bigint[]) => {
    for (const netuid of voted) {
      const [, , nextEpochBlock] = await subnets.emissionStatus(netuid);
      const now = BigInt(await ethers.provider.getBlockNumber());
      if (now + BigInt(ACTIVITY_MARGIN) > nextEpochBlock + graceBlocks) await runEpoch(connection, subnets, netuid);
      const activity = await emission.activity(netuid);
      if (activity !== 0n) throw new Error(`Subnet ${netuid} is not active (activity ${activity}).`);
    }
  };

  // ---- Voters: accounts given tokens, each delegating to itself. Addresses without a zero byte, so that a
  // refresh's calldata costs the same for every voter.
  let seed = 0;
  const newVoter = async (): Promise<HardhatEthersSigner> => {
    let address: string;
    do address = ethers.getAddress(ethers.dataSlice(ethers.id(`bench-voter-${++seed}`), 12));
    while (ethers.getBytes(address).includes(0));
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, ONE);
    const voter = await ethers.getSigner(address);
    await (await token.connect(holder).transfer(address, HOLDING)).wait();
    await (await token.connect(voter).delegate(address)).wait();
    return voter;
  };
  // Each round's own: two voting for the first time, one changing its vote, two whose power grows. A dimension's
  // three rounds use them in turn; the other dimension starts again from before any vote.
  const roundVoters: Record<"fresh" | "fresh3" | "changer" | "refresher" | "refresher3", HardhatEthersSigner>[] = [];
  for (let i = 0; i < 3; i++) {
    roundVoters.push({
      fresh: await newVoter(),
      fresh3: await newVoter(),
      changer: await newVoter(),
      refresher: await newVoter(),
      refresher3: await newVoter(),
    });
  }
  const background: HardhatEthersSigner[] = [];
  for (let i = 0; i < VOTERS; i++) background.push(await newVoter());
  const vote = (voter: HardhatEthersSigner, voted: bigint[]) => {
    const bps = voted.map((_, i) => Math.floor(10_000 / voted.length) + (i < 10_000 % voted.length ? 1 : 0));
    return gasOf(emission.connect(voter).vote(voted, bps));
  };
  const three = (s: bigint[]) => s.slice(0, 3);
  const openPeriod = () => gasOf(emission.connect(keeper).distribute([]));

  /**
   * One round, from the period it starts in, over the first `voted` of the subnets (which background votes have
   * already reached): the figure of every operation that many subnets allow. Ends at the start of a new period.
   */
  const round = async (voters: (typeof roundVoters)[number], voted: number) => {
    const s = netuids.slice(0, voted);
    const figures = new Map<Operation, number>();
    await vote(voters.refresher, [s[0]]);
    if (voted >= 2) await vote(voters.changer, [s[0]]);
    if (voted >= 3) await vote(voters.refresher3, three(s));
    for (const voter of [voters.refresher, voters.refresher3]) {
      await (await token.connect(holder).transfer(voter.address, HOLDING)).wait();
    }
    await keepActive(s);

    await nextPeriod(connection, emission);
    figures.set("pull", await gasOf(emission.connect(owner).distribute([s[0]])));
    figures.set("vote", await vote(voters.fresh, [s[0]]));
    if (voted >= 3) figures.set("vote.threeSubnets", await vote(voters.fresh3, three(s)));
    if (voted >= 2) figures.set("vote.change", await vote(voters.changer, [s[1]]));
    figures.set("refresh", await gasOf(emission.connect(keeper).refresh(voters.refresher.address)));
    if (voted >= 3) {
      figures.set("refresh.threeSubnets", await gasOf(emission.connect(keeper).refresh(voters.refresher3.address)));
    }

    // An empty distribution opens the period and does nothing else.
    await nextPeriod(connection, emission);
    const opening = await openPeriod();
    figures.set("open", opening - (await openPeriod()));
    figures.set("distribute.single", await gasOf(emission.connect(owner).distribute([s[0]])));

    if (voted >= 10) {
      await nextPeriod(connection, emission);
      await openPeriod();
      const batch = await gasOf(emission.connect(keeper).distribute(s.slice(0, 10)));
      figures.set("distribute.tenSubnets", batch);
      figures.set("distribute", Math.ceil(batch / 10));
    }
    await nextPeriod(connection, emission);
    return figures;
  };
  const record = (figures: Map<Operation, number>, suffix: string) => {
    for (const operation of OPERATIONS) {
      const gas = figures.get(operation);
      const target = suffix === "" ? TARGETS[operation] : undefined;
      if (gas !== undefined)
        entries.push({ name: `emission.${operation}${suffix}`, gas, ...(target ? { target } : {}) });
    }
  };

  // A vote counts the power its voter held when the period began: the voters' tokens arrived in this period, so
  // the rounds start in the next.
  await nextPeriod(connection, emission);
  const base = await networkHelpers.takeSnapshot();

  // ---- Ten subnets voted for, with 10, 100 and 1,000 voters voting (each for one of the ten).
  {
    let voting = 0;
    const ten = netuids.slice(0, 10);
    for (const [i, count] of [10, 100, VOTERS].entries()) {
      for (; voting < count; voting++) await vote(background[voting], [ten[voting % 10]]);
      const figures = await round(roundVoters[i], 10);
      // The typical state: ten subnets voted for by ten voters.
      if (count === 10) record(figures, "");
      record(figures, `.atVoters${count}`);
    }
  }

  // ---- Ten voters voting, for 1, 10 and 100 subnets: all for the first, or voter v for every tenth subnet from
  // the v-th.
  await base.restore();
  for (const [i, count] of [1, 10, SUBNETS].entries()) {
    const voted = netuids.slice(0, count);
    for (let v = 0; v < 10; v++) {
      await vote(background[v], count === 1 ? voted : voted.filter((_, k) => k % 10 === v));
    }
    await keepActive(voted);
    record(await round(roundVoters[i], count), `.atSubnets${count}`);
  }
  return entries;
}
