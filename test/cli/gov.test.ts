import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";
import { parseEther, type JsonRpcProvider } from "ethers";

import { ModelToken__factory } from "../../sdk/src/index.js";
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

// A model's DAO run from the CLI as holders run it: `npx hardhat gov ... --network localhost` against a
// `hardhat node` on 127.0.0.1, one process per command. Account #0 holds 45,000 tokens and runs the CLI by
// default; #1 holds 5,000 and runs it on the remote network with its key; #3 is the team that launched; #4 is
// paid by the proposal. The launch and the clock's longer jumps are made from this process over JSON-RPC.

const SLUG = "cli-gov";

describe("CLI: a model's DAO against a hardhat node", function () {
  this.timeout(240_000);
  let local: LocalNode;
  let provider: JsonRpcProvider;
  let description: string;
  let signedVote: string;
  let tokenAddress: string;
  const { ok, fails, travel } = commandsOn(() => local);

  before(async function () {
    local = await startLocalNode("cli-gov-");
    provider = local.provider;
    description = path.join(local.scratch, "proposal.md");
    signedVote = path.join(local.scratch, "vote.json");
    await writeFile(description, "# Pay the model card's author\n\nOne ETH from the treasury for the model card.\n");

    const deployment = await local.deploy();

    const team = await provider.getSigner(ACCOUNT[3]);
    const start = BigInt((await provider.getBlock("latest"))!.timestamp + 1_000);
    // 200,000 tokens: 30,000 on sale for a day at 0.001 ETH (soft cap 1 ETH, hard cap 10 ETH), 70,000 to the
    // treasury, 50,000 of liquidity to account #0 and 50,000 vesting to the team over 360 days from a day after.
    const launch = await registerAndLaunch(
      deployment,
      team,
      SLUG,
      launchParams({
        start,
        name: "CLI Gov",
        symbol: "CGOV",
        treasuryAmount: TOKENS(70_000),
        liquidityAmount: TOKENS(50_000),
        liquidityRecipient: ACCOUNT[0],
        team: [
          { beneficiary: ACCOUNT[3], amount: TOKENS(50_000), start: start + BigInt(DAY), duration: BigInt(360 * DAY) },
        ],
        sale: { tokensForSale: TOKENS(30_000), softCap: ONE, hardCap: TOKENS(10), end: start + BigInt(DAY) },
      }),
    );
    tokenAddress = launch.token;
    const token = ModelToken__factory.connect(launch.token, await provider.getSigner(ACCOUNT[0]));
    await (await token.transfer(ACCOUNT[1], 5_000n * ONE)).wait();
    await (await team.sendTransaction({ to: launch.timelock, value: parseEther("3") })).wait();
  });

  after(async function () {
    await local?.stop();
  });

  it("M-03 refuses a proposal before the sale is over, saying when proposals open", async function () {
    expect(await ok(["gov", "list", SLUG])).to.contain(
      "No proposals yet: the DAO takes proposals from the end of its sale,",
    );
    const stderr = await fails(["gov", "propose", SLUG, "send-eth", ACCOUNT[4], "1", "--description", description]);
    expect(stderr).to.match(
      /Error: cli-gov's DAO takes proposals from the end of its sale, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
    // The sale (a day from ten minutes after launch) ends; proposals open.
    await travel(1_000 + DAY);
  });

  it("refuses a proposal from a holder who has not delegated, saying to delegate first", async function () {
    const stderr = await fails(
      ["gov", "propose", SLUG, "send-eth", ACCOUNT[4], "1", "--description", description],
      KEY_1,
    );
    expect(stderr)
      .to.contain("has no votes")
      .and.contain("delegate first (npx hardhat --network remote gov delegate cli-gov)");
    expect(stderr).to.contain("Hint: It holds 5000 CGOV");
  });

  it("delegates, proposes a treasury payment showing its decoded call, and signs a vote while pending", async function () {
    expect(await ok(["gov", "delegate", SLUG])).to.contain(
      "You now vote with your CGOV in cli-gov's DAO: 45,000 CGOV of votes.",
    );
    // #1 delegates from this process: its vote is signed below, and only delegated tokens vote.
    const token = ModelToken__factory.connect(tokenAddress, await provider.getSigner(ACCOUNT[1]));
    await (await token.delegate(ACCOUNT[1])).wait();
    await travel(1);

    const proposed = await ok(["gov", "propose", SLUG, "send-eth", ACCOUNT[4], "1", "--description", description]);
    expect(proposed).to.contain(`1. Send 1 ETH from cli-gov's treasury to ${ACCOUNT[4]}.`);
    expect(proposed).to.contain("Proposal 1 created.");

    expect(
      await ok(["gov", "vote-by-sig", SLUG, "1", "against", "--reason", "too early", "--out", signedVote], KEY_1),
    ).to.contain("nothing was sent");
    const signed = JSON.parse(await readFile(signedVote, "utf8")) as Record<string, string>;
    expect(signed).to.include({
      voter: ACCOUNT[1],
      support: "against",
      proposal: "1",
      nonce: "0",
      reason: "too early",
    });
  });

  it("refuses a vote before voting opens, then counts a vote and the relayed signed vote once", async function () {
    expect(await fails(["gov", "vote", SLUG, "1", "for"])).to.match(/Voting on proposal 1 opens at .* UTC/);
    expect(await ok(["chain", "advance", "25h"])).to.contain("Moved the chain's clock forward by");
    expect(await ok(["gov", "vote", SLUG, "1", "for", "--reason", "well earned"])).to.contain(
      "You voted for on proposal 1 of cli-gov with 45,000 votes.",
    );
    expect(await ok(["gov", "relay", signedVote])).to.contain(
      `Submitted ${ACCOUNT[1]}'s vote against on proposal 1 of cli-gov: 5,000 votes.`,
    );
    expect(await fails(["gov", "relay", signedVote])).to.contain("relayed before");
  });

  it("lists and shows the proposal with its votes, quorum and dates", async function () {
    const list = await ok(["gov", "list", SLUG]);
    expect(list).to.match(/#\s+state\s+for\s+against\s+abstain\s+quorum\s+deadline\s+ETA\s+title/);
    expect(list).to.match(/1\s+active\s+45,000\s+5,000\s+0\s+reached \(8,000\)/);
    const shown = JSON.parse(await ok(["gov", "show", SLUG, "1", "--json"])) as {
      state: string;
      quorumReached: boolean;
      actions: { description: string }[];
      title: string;
    };
    expect(shown).to.include({ state: "active", quorumReached: true, title: "Pay the model card's author" });
    expect(shown.actions[0].description).to.equal(`Send 1 ETH from cli-gov's treasury to ${ACCOUNT[4]}.`);
  });

  it("queues after the vote, refuses execution before the ETA, then executes: the payee has its ETH", async function () {
    await travel(5 * DAY);
    expect(await ok(["gov", "queue", SLUG, "1"])).to.contain("Queued proposal 1 of cli-gov: it is queued now.");
    expect(await fails(["gov", "execute", SLUG, "1"])).to.contain("the timelock lets it run only from");
    await travel(2 * DAY);
    const before = await provider.getBalance(ACCOUNT[4]);
    expect(await ok(["gov", "execute", SLUG, "1"], KEY_1)).to.contain(
      "Executed proposal 1 of cli-gov: it is executed now.",
    );
    expect(await provider.getBalance(ACCOUNT[4])).to.equal(before + ONE);
  });

  it("proposes raw calls from a JSON file, described back in words, and lets the proposer cancel it while pending", async function () {
    const calls = path.join(local.scratch, "calls.json");
    await writeFile(
      calls,
      JSON.stringify([
        { target: tokenAddress, signature: "transfer(address,uint256)", args: [ACCOUNT[4], (100n * ONE).toString()] },
      ]),
    );
    const proposed = await ok(["gov", "propose", SLUG, "calls", calls, "--description", description]);
    expect(proposed)
      .to.contain(`1. Send 100 CGOV from cli-gov's treasury to ${ACCOUNT[4]}.`)
      .and.contain("Proposal 2 created.");
    expect(await ok(["gov", "cancel", SLUG, "2"])).to.contain("Cancelled proposal 2 of cli-gov: it is canceled now.");
  });
});
