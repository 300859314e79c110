/**
 * A PostgreSQL cluster of the test's own, in a temporary folder on a free port of 127.0.0.1, so a test
 * can stop and restart it without touching the shared server other tests use. initdb refuses to run
 * as root, so under root the cluster belongs to the `postgres` system user and its tools run as that
 * user. Where the server binaries are missing, `startPrivatePostgres` says why instead of starting.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../helpers/cli.js";

const run = promisify(execFile);

export interface PrivatePostgres {
  url: string;
  /** Stop the server (fast shutdown: sessions are cut off), stay down for `downMs`, start it again. */
  restart(downMs: number): Promise<void>;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Stop for good and remove the cluster's files. */
  dispose(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin, else pg_config's. */
async function serverBinaries(): Promise<string | undefined> {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], "bin");
  try {
    const { stdout } = await run("pg_config", ["--bindir"]);
    const dir = stdout.trim();
    return fs.existsSync(path.join(dir, "initdb")) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The uid and gid of a system user, from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } | undefined {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

/** A started private cluster, or the reason one cannot be had on this machine. */
export async function startPrivatePostgres(): Promise<PrivatePostgres | { skip: string }> {
  const bin = await serverBinaries();
  if (!bin) return { skip: "no PostgreSQL server binaries (initdb, pg_ctl) on this machine" };
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser("postgres") : undefined;
  if (asRoot && !owner) return { skip: "running as root and there is no `postgres` user to own a cluster" };
  const runuser = "/usr/sbin/runuser";
  if (asRoot && !fs.existsSync(runuser)) return { skip: "running as root and runuser is missing" };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-pg-"));
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const port = await freePort();
  const tool = (name: string, args: string[]) =>
    asRoot
      ? run(runuser, ["-u", "postgres", "--", path.join(bin, name), ...args], { timeout: 60_000 })
      : run(path.join(bin, name), args, { timeout: 60_000 });
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    // Durability is not what these tests are about; a restart after a fast shutdown loses nothing anyway.
    "-c fsync=off",
    "-c max_connections=30",
  ].join(" ");
  const startServer = async () => {
    await tool("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-o",
      serverOptions,
      "-w",
      "start",
    ]);
  };
  const stopServer = async () => {
    await tool("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  };
  try {
    await tool("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    await startServer();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { skip: `a private PostgreSQL cluster could not be started: ${(error as Error).message}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    startServer,
    stopServer,
    async restart(downMs: number) {
      await stopServer();
      await new Promise((r) => setTimeout(r, downMs));
      await startServer();
    },
    async dispose() {
      await tool("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
