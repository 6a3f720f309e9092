/**
 * The `cxpm` command line.
 */
import { Command, CommanderError } from "commander";
import { PackError } from "../../standard/pack.ts";
import { demoCommand } from "./commands/demo.ts";
import { judgeCommand } from "./commands/judge.ts";
import { qaCommand } from "./commands/qa.ts";
import { serveCommand } from "./commands/serve.ts";
import { standardCommand } from "./commands/standard.ts";
import { statsCommand } from "./commands/stats.ts";
import { importCommand, metricsCommand, schemaCommand } from "./commands/warehouse.ts";
import { wfmCommand } from "./commands/wfm.ts";
import { CliError } from "./output.ts";

const program = new Command("cxpm")
  .description("Performance management for CX operations on the COPC CX Standard")
  .version("0.1.0");

program.addCommand(standardCommand());
program.addCommand(judgeCommand());
program.addCommand(serveCommand());
program.addCommand(statsCommand());
program.addCommand(qaCommand());
program.addCommand(importCommand());
program.addCommand(metricsCommand());
program.addCommand(schemaCommand());
program.addCommand(wfmCommand());
program.addCommand(demoCommand());

// Settings are not inherited by commands added with addCommand: apply them to the whole tree.
const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
for (const command of everyCommand(program)) command.exitOverride().showHelpAfterError();

// Output piped into a reader that stops early (`| head`): nothing more is wanted, which is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof CliError || error instanceof PackError) {
    process.stderr.write(`cxpm: ${error.message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  } else {
    process.stderr.write(`cxpm: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  }
}
