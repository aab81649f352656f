// Chapter 16: the network emission. A second subnet joins; protocol token holders vote across the two subnets (one
// splits 70/30, one votes all on one subnet, one changes its mind mid-period and sees it count from the next); a
// period passes, its release flows into both reward pools, each subnet's epoch splits it, and a table traces the
// protocol reserve to the subnets' shares and on to miners, validators and owners, to the unit.
import { parseEther } from "ethers";

import { ProtocolToken__factory } from "../../sdk/src/contracts.js";
import { createClient } from "../../sdk/src/index.js";
import { tokens } from "../cli/amounts.js";
import { table } from "../cli/output.js";
import type { Client, Demo, Signer } from "./context.js";
import { section } from "./context.js";
import type { Models } from "./models.js";
import { type Epoch, type Neurons, runDueEpoch, type Subnet } from "./subnet.js";

/** OMP, as the tables print it: every decimal kept, so that every row adds up to the unit. */
const omp = (amount: bigint) => tokens(amount, "OMP");
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** 16. Protocol token holders vote on the network emission; two periods of it flow into the subnets and through Yuma. */
export async function voteOnTheEmission(
  demo: Demo,
  models: Models,
  keeper: Client,
  first: { subnet: Subnet; neurons: Neurons },
): Promise<void> {
  const { signers, track } = demo;
  section("16. The network emission: OMP holders vote across subnets, Yuma consensus splits each subnet's share");
  const second = await secondSubnet(demo, models, keeper);
  const subnets = [first.subnet.netuid, second.netuid];

  // Holders 1 to 3 of the protocol token vote (the team holds OMP too, and abstains). Votes count only once
  // delegated, and an emission vote weighs with the votes held at the start of the period it is cast in: they
  // delegate now, and vote once a new period has begun.
  const voters = signers
    .slice(1, 4)
    .map((signer, i) => ({ name: `holder ${i + 1}`, signer, client: clientOf(demo, signer) }));
  for (const v of voters)
    track(`delegate OMP votes (${v.name})`, await v.client.governance.delegateVotes({ model: "protocol" }));
  await toNextPeriod(demo);
  const ballots = [
    [
      { netuid: subnets[0], bps: 7000 },
      { netuid: subnets[1], bps: 3000 },
    ],
    [{ netuid: subnets[1], bps: 10_000 }],
    [{ netuid: subnets[0], bps: 10_000 }],
  ];
  const rows: string[][] = [];
  for (const [i, v] of voters.entries()) {
    const voted = track(`vote on the emission (${v.name})`, await v.client.emission.vote(ballots[i]));
    rows.push([
      v.name,
      omp(voted.result.power),
      voted.result.allocations.map((a) => `subnet ${a.netuid}: ${a.bps / 100}%`).join(", "),
      `period ${voted.result.from} (${voted.result.fromStart.toISOString()})`,
    ]);
  }
  console.log(table(["voter", "votes", "allocation", "counts from"], rows));

  // The period the votes count in. Holder 3 changes its mind during it: all on subnet 2, from the next period.
  await toNextPeriod(demo);
  const changed = track(
    "change a vote mid-period (holder 3)",
    await voters[2].client.emission.vote([{ netuid: subnets[1], bps: 10_000 }]),
  );
  console.log(
    `Holder 3 now votes all on subnet ${subnets[1]}: its vote counts from period ${changed.result.from}; this period keeps the votes it began with.`,
  );
  await showShares(demo);
  const traced = await distributeAndSplit(demo, keeper, first, second);
  traceToTheUnit(traced);

  // The next period: holder 3's change counts now.
  await toNextPeriod(demo);
  await showShares(demo);
  const next = track("distribute the emission to both subnets (keeper)", await keeper.emission.distribute());
  console.log(
    `Period ${next.result.period}: ${next.result.distributed.map((d) => `subnet ${d.netuid} received ${omp(d.amount)}`).join(", ")}.`,
  );
}

function clientOf({ deployment }: Demo, runner: Signer): Client {
  return createClient({ runner, deployment });
}

/** Moves the chain's clock to the start of the emission's next period. */
async function toNextPeriod({ client, networkHelpers }: Demo): Promise<void> {
  const period = await client.emission.period();
  await networkHelpers.time.increaseTo(Math.floor(period.end.getTime() / 1000));
  console.log(`\nPeriod ${period.number + 1n} begins (${period.end.toISOString()}).`);
}

/** 14: a second subnet, around the tiny model: stake and rewards in OMP, weights set directly, active after two epochs. */
async function secondSubnet(demo: Demo, { tiny }: Models, keeper: Client) {
  const { deployment, ipfs, signers, team, track } = demo;
  const owner = signers[15];
  const [minerA, minerB, validator] = signers.slice(16, 19);
  const token = ProtocolToken__factory.connect(deployment.contracts.ProtocolToken!.address, team);
  for (const account of [owner, minerA, minerB, validator])
    await (await token.transfer(account.address, parseEther("1000"))).wait();
  const ownerClient = createClient({ runner: owner, deployment, ipfs });
  const created = track(
    "create a second subnet (another team)",
    await ownerClient.subnets.createSubnet({
      stakeToken: await token.getAddress(),
      rewardToken: await token.getAddress(),
      model: tiny.id,
      card: {
        name: "face-landmark-68-tiny: fast inference",
        description: "Miners serve face-landmark-68-tiny; validators time and check their answers.",
      },
      hyperparameters: {
        tempo: 20,
        immunityPeriod: 40,
        weightsRateLimit: 1,
        activityCutoff: 1000,
        commitReveal: false,
        minPrice: parseEther("1"),
        maxPrice: parseEther("10"),
        priceHalfLife: 50,
        // An epoch pays out the whole pool: the emission the subnet receives is split by its next epoch.
        emission: parseEther("1000000"),
      },
    }),
  );
  const netuid = created.result.subnet.netuid;
  for (const [name, account] of [
    ["miner A", minerA],
    ["miner B", minerB],
    ["validator", validator],
  ] as const) {
    track(`register on subnet ${netuid} (${name})`, await clientOf(demo, account).subnets.registerNeuron({ netuid }));
  }
  const validatorClient = clientOf(demo, validator);
  track(
    `stake 500 OMP (subnet ${netuid} validator)`,
    await validatorClient.subnets.addStake({ netuid, amount: parseEther("500") }),
  );
  // The stake counts from the second epoch, which grants the validator its permit; then it weighs the miners.
  await runDueEpoch(demo, keeper, { netuid }, `subnet ${netuid} #0`);
  await runDueEpoch(demo, keeper, { netuid }, `subnet ${netuid} #1`);
  const uids = await keeper.subnets.getMetagraph(netuid);
  const uidOf = (address: string) => uids.neurons.find((u) => u.hotkey === address)!.uid;
  track(
    `set weights (subnet ${netuid} validator)`,
    await validatorClient.subnets.setWeights({
      netuid,
      uids: [uidOf(minerA.address), uidOf(minerB.address)],
      weights: [0.6, 0.4],
    }),
  );
  console.log(
    `Subnet ${netuid} around model #${tiny.id}: stake and rewards in OMP; its validator holds a permit and has weighed the miners.`,
  );
  return { netuid, owner, miners: [minerA, minerB], validators: [validator] };
}

/** 14: every subnet's votes and share, this period and the next. */
async function showShares({ client }: Demo): Promise<void> {
  const view = await client.emission.subnetShares();
  console.log(
    `Period ${view.period.number} releases ${omp(view.released)} (${view.settings.current.rateBps / 100}% of the reserve); a subnet receives at most ${view.settings.current.capBps / 100}%.`,
  );
  console.log(
    table(
      ["subnet", "votes now", "share this period", "votes next period", "share next period (estimate)", "activity"],
      view.subnets.map((s) => [
        s.netuid.toString(),
        percent(s.fraction.current),
        omp(s.share) + (s.capped ? " (capped)" : ""),
        percent(s.fraction.next),
        omp(s.nextShare),
        s.reason,
      ]),
    ),
  );
}

type Second = Awaited<ReturnType<typeof secondSubnet>>;

/** One subnet's path from its share to its UIDs in the epoch after the distribution. */
interface SubnetTrace {
  netuid: bigint;
  share: bigint;
  poolBefore: bigint;
  poolAfterShare: bigint;
  epoch: Epoch;
  miners: bigint;
  validators: bigint;
  poolAfterEpoch: bigint;
}

/** 14: the keeper distributes the period's shares, and each subnet's next epoch splits its pool. */
async function distributeAndSplit(
  demo: Demo,
  keeper: Client,
  first: { subnet: Subnet; neurons: Neurons },
  second: Second,
) {
  const { client, track } = demo;
  const release = await client.emission.release();
  const netuids = [first.subnet.netuid, second.netuid];
  const poolsBefore = await Promise.all(netuids.map(async (n) => (await client.subnets.getSubnet(n)).rewardPool));
  const distributed = track("distribute the emission to both subnets (keeper)", await keeper.emission.distribute());
  const opened = await client.emission.release();
  const traces: SubnetTrace[] = [];
  const groups = [
    { miners: first.neurons.miners, validators: first.neurons.validators },
    { miners: second.miners, validators: second.validators },
  ];
  for (const [i, netuid] of netuids.entries()) {
    const share = distributed.result.distributed.find((d) => d.netuid === netuid)?.amount ?? 0n;
    const poolAfterShare = (await client.subnets.getSubnet(netuid)).rewardPool;
    const epoch = await runDueEpoch(demo, keeper, { netuid }, `subnet ${netuid} (with its emission)`);
    const metagraph = await client.subnets.getMetagraph(netuid);
    const sum = (who: Signer[]) =>
      metagraph.neurons
        .filter((u) => who.some((s) => s.address === u.hotkey))
        .reduce((total, u) => total + u.emission, 0n);
    traces.push({
      netuid,
      share,
      poolBefore: poolsBefore[i],
      poolAfterShare,
      epoch,
      miners: sum(groups[i].miners),
      validators: sum(groups[i].validators),
      poolAfterEpoch: (await client.subnets.getSubnet(netuid)).rewardPool,
    });
  }
  return {
    reserveBefore: opened.reserve + opened.released,
    released: opened.released,
    distributed: opened.distributed,
    release,
    traces,
  };
}

/** 14: the table from the protocol reserve to the UIDs, and its balances checked to the unit. */
function traceToTheUnit({
  reserveBefore,
  released,
  distributed,
  traces,
}: Awaited<ReturnType<typeof distributeAndSplit>>): void {
  const kept = released - distributed;
  const rows: string[][] = [
    ["emission reserve when the period opened", omp(reserveBefore)],
    ["released this period", omp(released)],
    ...traces.map((t) => [`  to subnet ${t.netuid}'s reward pool`, omp(t.share)]),
    ["  left in the reserve (cap, rounding)", omp(kept)],
  ];
  for (const t of traces) {
    const e = t.epoch;
    rows.push(
      [`subnet ${t.netuid}: pool before the share`, omp(t.poolBefore)],
      [`subnet ${t.netuid}: pool after the share`, omp(t.poolAfterShare)],
      [`subnet ${t.netuid}: its epoch took from the pool`, omp(e.emission ?? 0n)],
      [`  owner's cut`, omp(e.ownerCut ?? 0n)],
      [`  keeper`, omp(e.keeperReward)],
      [`  miners (incentive)`, omp(t.miners)],
      [`  validators and their stakers (dividends)`, omp(t.validators)],
      [`  rounding back to the pool`, omp(e.dust)],
      [`subnet ${t.netuid}: pool after the epoch`, omp(t.poolAfterEpoch)],
    );
  }
  console.log(table(["OMP", "amount"], rows));
  const shares = traces.reduce((sum, t) => sum + t.share, 0n);
  if (shares !== distributed) throw new Error("The subnets' shares do not add up to what the emission distributed.");
  for (const t of traces) {
    const e = t.epoch;
    const taken = e.emission ?? 0n;
    if (
      t.poolAfterShare !== t.poolBefore + t.share ||
      (e.ownerCut ?? 0n) + e.keeperReward + t.miners + t.validators + e.dust !== taken ||
      t.poolAfterEpoch !== t.poolAfterShare - taken + e.dust
    ) {
      throw new Error(`Subnet ${t.netuid}'s emission does not balance.`);
    }
  }
  console.log(
    "Balanced to the unit: released = shares + what stays in the reserve; each pool grew by its share; each epoch's take = owner's cut + keeper + miners + validators + rounding.",
  );
}
