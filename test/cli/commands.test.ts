import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";

import { cliTasks } from "../../scripts/cli/tasks.js";
import { projectRoot } from "./harness.js";

// What every command keeps, checked over the declarations themselves, without a chain: `--json`, one file per
// command named after it (an alias says which command it is the same as), and a test that runs it.

const commands = cliTasks.filter((task) => task.type === "NEW_TASK").map((task) => ({ ...task, name: task.id.join(" ") }));

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
    const files = (await readdir(path.join(projectRoot, "scripts", "commands"))).filter((file) => file.endsWith(".ts")).sort();
    const names = new Set(commands.map((command) => command.name));
    const aliases = commands.filter((command) => aliasOf(command.description) !== undefined);
    for (const alias of aliases) expect(names.has(aliasOf(alias.description)!), `${alias.name} names no command`).to.equal(true);
    const own = commands.filter((command) => !aliases.includes(command)).map((command) => `${command.name.replaceAll(" ", "-")}.ts`);
    expect(own.sort()).to.deep.equal(files);
  });

  it("runs every command, aliases included, in a CLI test", async function () {
    const dir = path.join(projectRoot, "test", "cli");
    const tests = await Promise.all(
      (await readdir(dir)).filter((file) => file.endsWith(".test.ts")).map((file) => readFile(path.join(dir, file), "utf8")),
    );
    const text = tests.join("\n");
    // A command line as the tests write it (["gov", "vote", ...]), or its action imported and called.
    const runs = (name: string) =>
      new RegExp(`\\[\\s*${name.split(" ").map((word) => `"${word}"`).join("\\s*,\\s*")}\\s*[,\\]]`).test(text) ||
      text.includes(`scripts/commands/${name.replaceAll(" ", "-")}.js`);
    const never = commands.map((command) => command.name).filter((name) => !runs(name));
    expect(never).to.deep.equal([]);
  });
});
