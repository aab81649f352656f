import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";

import { cliTasks } from "../../scripts/cli/tasks.js";
import { projectRoot } from "./harness.js";

// What every command keeps, checked over the declarations themselves, without a chain: `--json`, one file per
// command named after it (an alias says which command it is the same as), a test that runs it, and a README that
// shows only commands and options that exist.

const commands = cliTasks
  .filter((task) => task.type === "NEW_TASK")
  .map((task) => ({ ...task, name: task.id.join(" ") }));

/** `--dry-run` as the option a task declares: `dryRun`. */
const optionName = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The command an alias runs, from its description ("...: the same as gov delegate"). */
function aliasOf(description: string): string | undefined {
  return /: the same as ([a-z -]+?)(?: --[a-z-]+)?$/.exec(description)?.[1];
}

describe("CLI: the commands as declared", function () {
  it("gives every command --json", function () {
    const without = commands.filter((command) => command.options.json === undefined).map((command) => command.name);
    expect(without).to.deep.equal([]);
  });

  it("keeps each command's action in a file named after it, and every file is a command's; an alias names its command", async function () {
    const files = (await readdir(path.join(projectRoot, "scripts", "commands")))
      .filter((file) => file.endsWith(".ts"))
      .sort();
    const names = new Set(commands.map((command) => command.name));
    const aliases = commands.filter((command) => aliasOf(command.description) !== undefined);
    for (const alias of aliases)
      expect(names.has(aliasOf(alias.description)!), `${alias.name} names no command`).to.equal(true);
    const own = commands
      .filter((command) => !aliases.includes(command))
      .map((command) => `${command.name.replaceAll(" ", "-")}.ts`);
    expect(own.sort()).to.deep.equal(files);
  });

  it("runs every command, aliases included, in a CLI test", async function () {
    const dir = path.join(projectRoot, "test", "cli");
    const tests = await Promise.all(
      (await readdir(dir))
        .filter((file) => file.endsWith(".test.ts"))
        .map((file) => readFile(path.join(dir, file), "utf8")),
    );
    const text = tests.join("\n");
    // A command line as the tests write it (["gov", "vote", ...]), or its action imported and called.
    const runs = (name: string) =>
      new RegExp(
        `\\[\\s*${name
          .split(" ")
          .map((word) => `"${word}"`)
          .join("\\s*,\\s*")}\\s*[,\\]]`,
      ).test(text) || text.includes(`scripts/commands/${name.replaceAll(" ", "-")}.js`);
    const never = commands.map((command) => command.name).filter((name) => !runs(name));
    expect(never).to.deep.equal([]);
  });

  it("shows in the README only commands and options that exist", async function () {
    const readme = await readFile(path.join(projectRoot, "README.md"), "utf8");
    const groups = new Set(commands.map((command) => command.id[0]));
    // Every command line of the examples, and every code span that starts with a command's first word.
    const examples = [...readme.matchAll(/^npx hardhat (.+)$/gm)].map((match) => match[1].replace(/\s+#.*$/, ""));
    const spans = [...readme.matchAll(/`([a-z][^`]*)`/g)]
      .map((match) => match[1])
      .filter((span) => groups.has(span.split(" ")[0]));
    const global = new Set(["network", ...Object.keys(hre.globalOptions)]);
    const wrong: string[] = [];
    for (const line of [...examples, ...spans]) {
      const words = line.split(/\s+/);
      if (!groups.has(words[0])) continue; // hardhat's own tasks: node, keystore
      const command = commands
        .filter((candidate) => candidate.id.every((word, i) => words[i] === word))
        .sort((a, b) => b.id.length - a.id.length)[0];
      if (command === undefined) {
        // A code span may name a group alone (`gov`); an example must be a command.
        if (examples.includes(line)) wrong.push(`${line}: no such command`);
        continue;
      }
      for (const flag of line.match(/--[a-z][a-z-]*/g) ?? []) {
        const name = optionName(flag);
        if (command.options[name] === undefined && !global.has(name))
          wrong.push(`${line}: ${command.name} has no ${flag}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });
});
