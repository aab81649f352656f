import path from "node:path";

import { expect } from "chai";
import { ZeroAddress, type JsonRpcProvider } from "ethers";

import {
  buildAllowlist,
  ModelLaunchFactory__factory,
  ModelOffering__factory,
  saveAllowlist,
  type Deployment,
} from "../../sdk/src/index.js";
import { DAY, ONE, TOKENS } from "../fixtures/constants.js";
import { launchParams } from "../fixtures/launch.js";
import {
  commandsOn,
  DEV_ACCOUNTS as ACCOUNT,
  DEV_KEY_1 as KEY_1,
  registerAndLaunch,
  startLocalNode,
  type LocalNode,
} from "./harness.js";

// The investor's side of an IMO as a user runs it: `npx hardhat imo ... --network localhost` against a
// `hardhat node` on 127.0.0.1, one process per command. The team's launch and a second investor's deposit
// are made from this process over JSON-RPC. Account #0 runs the CLI by default, #1 runs it on the remote
// network with its key, #3 is the team, #4 receives a claim.

describe("CLI: taking part in an IMO against a hardhat node", function () {
  this.timeout(180_000);
  let local: LocalNode;
  let scratch: string;
  let provider: JsonRpcProvider;
  let deployment: Deployment;
  const allowlist = buildAllowlist([ACCOUNT[0], ACCOUNT[1]]);
  const { ok, fails, travel } = commandsOn(() => local);

  before(async function () {
    local = await startLocalNode("cli-imo-");
    scratch = local.scratch;
    provider = local.provider;
    await saveAllowlist(path.join(scratch, "allowlist.json"), allowlist);
  });

  after(async function () {
    await local?.stop();
  });

  it("deploys the protocol, and a team launches an allowlisted ETH sale", async function () {
    deployment = await local.deploy();

    const start = BigInt((await provider.getBlock("latest"))!.timestamp + 120);
    // 3,000 tokens at 0.001 ETH for an hour: soft cap 1 ETH, hard cap 3 ETH. Account #0 vests 10,000 tokens.
    await registerAndLaunch(
      deployment,
      await provider.getSigner(ACCOUNT[3]),
      "cli-model",
      launchParams({
        start,
        name: "CLI Model",
        symbol: "CLI",
        treasuryAmount: TOKENS(7_000),
        team: [{ beneficiary: ACCOUNT[0], amount: TOKENS(10_000), start: start + 3_600n, cliff: BigInt(DAY) }],
        sale: {
          tokensForSale: TOKENS(3_000),
          softCap: ONE,
          hardCap: TOKENS(3),
          merkleRoot: allowlist.root,
          end: start + 3_600n,
        },
        dao: { votingPeriod: BigInt(DAY), proposalThreshold: ONE },
        timelockDelay: BigInt(DAY),
      }),
    );
  });

  it("lists, shows and quotes the sale before it opens", async function () {
    const list = await ok(["imo", "list"]);
    const shown = await ok(["imo", "show", "cli-model", "--json"]);
    const quoted = await ok(["imo", "quote", "cli-model", "2"]);
    expect(list).to.match(/^model\s+token\s+status\s+raised/m);
    expect(list).to.match(/cli-model\s+CLI\s+Upcoming\s+0 ETH\s+1 ETH\s+3 ETH\s+0\.001 ETH/);
    const sale = JSON.parse(shown) as {
      status: string;
      params: { merkleRoot: string };
      vestingWallets: { beneficiary: string; balance: string }[];
      fee: { bps: number };
    };
    expect(sale.status).to.equal("Upcoming");
    expect(sale.params.merkleRoot).to.equal(allowlist.root);
    expect(sale.vestingWallets).to.have.length(1);
    expect(sale.vestingWallets[0]).to.deep.include({ beneficiary: ACCOUNT[0], balance: (10_000n * ONE).toString() });
    expect(quoted).to.contain("it would buy 2,000 CLI and refund 0 ETH.");
    expect(quoted).to.match(/Outcome:\s+Succeeded \(between the caps/);
    expect(quoted).to.contain("Upcoming: deposits are not open");
  });

  it("buys with the allowlist, and says in a sentence why the sale cannot be finalised yet", async function () {
    await travel(130);
    const bought = await ok(["imo", "buy", "cli-model", "2", "--allowlist", path.join(scratch, "allowlist.json")]);
    expect(bought).to.contain(`Deposited 2 ETH in cli-model's sale from ${ACCOUNT[0]}.`);
    expect(bought).to.match(/If it closed now:\s+2,000 CLI, 0 ETH refunded/);
    expect(await fails(["imo", "finalize", "cli-model"])).to.contain(
      "Error: This is not possible now: the sale is still open.",
    );

    // Account #1 deposits 4 ETH more: 6 ETH against a hard cap of 3, so every deposit is half filled.
    const offering = ModelOffering__factory.connect(
      (
        await ModelLaunchFactory__factory.connect(deployment.contracts.ModelLaunchFactory.address, provider).launchOf(
          1n,
        )
      ).offering,
      await provider.getSigner(ACCOUNT[1]),
    );
    await (await offering.depositETH(allowlist.proof(ACCOUNT[1]), { value: 4n * ONE })).wait();
  });

  it("finalises the oversubscribed sale after its window", async function () {
    await travel(3_600);
    const finalised = await ok(["imo", "finalize", "cli-model"]);
    expect(finalised).to.contain("cli-model's sale is final: Oversubscribed.");
    expect(finalised).to.match(/Raised:\s+6 ETH/);
    expect(finalised).to.match(/Kept:\s+3 ETH/);
    expect(finalised).to.match(/Sold:\s+3,000 CLI/);
  });

  it("settles one deposit and claims another to a different address", async function () {
    // A claim to the zero address would burn the refund: it is refused before anything is signed (here in the
    // former spelling, `imo claim`, an alias of `imo settle`).
    expect(await fails(["imo", "claim", "cli-model", "--to", ZeroAddress], KEY_1)).to.contain(
      "Claiming to the zero address would burn the tokens and refund",
    );
    // Only the depositor sends its deposit elsewhere: a keeper's settlement goes to the depositor.
    expect(await fails(["imo", "settle", "cli-model", "--account", ACCOUNT[1], "--to", ACCOUNT[4]])).to.contain(
      `Error: The tokens and refund of ${ACCOUNT[1]}'s deposit go to ${ACCOUNT[1]}: only the depositor may send them elsewhere.`,
    );
    const settled = await ok(["imo", "settle", "cli-model"]);
    const claimed = await ok(["imo", "settle", "cli-model", "--to", ACCOUNT[4]], KEY_1);
    expect(settled).to.contain(
      `Your deposit in cli-model's sale (Oversubscribed) is settled: 1,000 CLI and 1 ETH refunded, sent to ${ACCOUNT[0]}.`,
    );
    expect(claimed).to.contain(`2,000 CLI and 2 ETH refunded, sent to ${ACCOUNT[4]}.`);
  });

  it("sweeps what rounding left to the treasury once every deposit is settled", async function () {
    const { totals, treasury } = JSON.parse(await ok(["imo", "show", "cli-model", "--json"])) as {
      totals: { settled: string; deposits: string };
      treasury: string;
    };
    expect(totals.settled).to.equal(totals.deposits);
    expect(await ok(["imo", "sweep", "cli-model"])).to.match(
      new RegExp(
        `^Swept what rounding left in cli-model's sale to its treasury ${treasury}: [\\d,.]+ CLI and [\\d,.]+ ETH\\.$`,
        "m",
      ),
    );
  });

  it("pays the protocol fee, or says there is none to pay", async function () {
    expect(await ok(["imo", "pay-fee", "cli-model"])).to.match(
      /^Paid cli-model's protocol fee, [\d.]+ ETH, to 0x[0-9a-fA-F]{40}\.$/m,
    );
    expect(await fails(["imo", "pay-fee", "cli-model"])).to.contain("Error: There is no protocol fee to pay out.");
  });

  it("delegates votes to self, and shows the portfolio with the vesting wallet", async function () {
    expect(await ok(["delegate", "cli-model"])).to.contain(
      "You now vote with your CLI in cli-model's DAO: 1,000 CLI of votes.",
    );
    const text = await ok(["portfolio"]);
    expect(text).to.contain(`Portfolio of ${ACCOUNT[0]}: 1 model(s).`);
    // Held, votes, delegate, sale, nothing left to settle, 10,000 vesting, 11,000 in all.
    expect(text).to.match(
      /cli-model\s+1,000 CLI\s+1,000 CLI\s+self\s+Oversubscribed\s+-\s+-\s+-\s+10,000 CLI\s+11,000 CLI/,
    );
    expect(text).to.contain("Vesting wallets you are the beneficiary of:");
    expect(text).to.match(/cli-model\s+0x[0-9a-fA-F]{40}\s+10,000 CLI\s+0 CLI\s+\S+ CLI\s+none \(not voting\)/);
  });

  it("delegates to another address with --to, and back in the former spelling; two different delegates are refused", async function () {
    expect(await ok(["gov", "delegate", "cli-model", "--to", ACCOUNT[4]])).to.contain(
      `${ACCOUNT[4]} now votes with your CLI in cli-model's DAO: 1,000 CLI of votes.`,
    );
    expect(await ok(["gov", "delegate", "cli-model", ACCOUNT[0]])).to.contain(
      "You now vote with your CLI in cli-model's DAO: 1,000 CLI of votes.",
    );
    expect(await fails(["gov", "delegate", "cli-model", ACCOUNT[0], "--to", ACCOUNT[4]])).to.contain(
      `Error: Two delegates given: ${ACCOUNT[0]} and --to ${ACCOUNT[4]}.`,
    );
  });
});
