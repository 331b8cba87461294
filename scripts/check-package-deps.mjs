#!/usr/bin/env node
// Checks that the published library declares what its built entry points load. Run after
// `npm run build`:
//
//   node scripts/check-package-deps.mjs [libs/fastmcp]
//
// For every entry of the package's `exports` map, and every command of its `bin` map, it walks the compiled JavaScript reachable from
// the entry (static and dynamic `import`, `require` through `createRequire`, workers referenced
// by `new URL('./x.js', import.meta.url)`, and the drivers TypeORM loads for a `type: '...'` data
// source) and the declaration files reachable from its `types` (imports, `import("x")` types,
// `/// <reference types>`), and fails (exit 1), naming the file and the import, when
//   - a package imported by the JavaScript is in neither `dependencies` nor `peerDependencies`;
//   - the types a declaration file imports come from an undeclared package (the package itself
//     when it ships types, `@types/<name>` when it does not);
//   - the main entry (`.`) loads an optional peer when it is imported: an app that installs
//     only the required peers could not start;
//   - a declared dependency or peer is used by no entry, or its range is not satisfied by the
//     version the workspace installs (the root package.json pins);
//   - the package README's install lines differ from what the entries need: the line with the
//     package name lists it with every required peer (and may list what the Quick start app
//     needs besides, such as Nest's HTTP platform: scripts/pack-install.mjs checks that it is
//     enough); each subpath that needs optional peers has one `npm i ... # <name>/<subpath>`
//     line listing exactly those;
//   - a subpath's types are not mapped in `typesVersions` (TypeScript's node10 resolution);
//   - a command of the `bin` map does not exist, lacks its `#!/usr/bin/env node` line, or loads
//     a package that is not in `dependencies` (`npx <package>` installs no optional peers);
//   - the packed file list (`npm pack --dry-run`) holds build caches, specs, outputs without a
//     source file, or source maps without their sources, or lacks README, LICENSE or an entry.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = resolve(root, process.argv[2] ?? 'libs/fastmcp');
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const errors = [];
const fail = (message) => errors.push(message);
const rel = (file) => relative(pkgDir, file);

// Packages TypeORM requires on behalf of a data source of the given `type`.
const TYPEORM_DRIVERS = {
  postgres: 'pg',
  cockroachdb: 'pg',
  'aurora-postgres': 'pg',
  'better-sqlite3': 'better-sqlite3',
  sqlite: 'sqlite3',
  mysql: 'mysql2',
  mariadb: 'mysql2',
  mssql: 'mssql',
  oracle: 'oracledb',
  sqljs: 'sql.js',
  mongodb: 'mongodb',
  spanner: '@google-cloud/spanner',
  sap: '@sap/hana-client',
};

const dependencies = manifest.dependencies ?? {};
const peers = manifest.peerDependencies ?? {};
const optionalPeer = (name) => name in peers && manifest.peerDependenciesMeta?.[name]?.optional === true;
const declared = (name) => name in dependencies || name in peers || name === manifest.name;

const isBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const typesPackage = (name) => `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;

/** The package.json of `name` as Node would find it from the package's folder, or undefined. */
function installedManifest(name) {
  for (let dir = pkgDir; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return { dir: dirname(file), json: JSON.parse(readFileSync(file, 'utf8')) };
    if (dirname(dir) === dir) return undefined;
  }
}

function shipsTypes(name) {
  const found = installedManifest(name);
  if (!found) return undefined;
  const { dir, json } = found;
  return Boolean(json.types || json.typings || JSON.stringify(json.exports ?? {}).includes('"types"') || existsSync(join(dir, 'index.d.ts')));
}

// ---------------------------------------------------------------------------------------------
// Entry points, from the exports map (subpath patterns with `*` are expanded over the files).

function conditionTargets(value, condition, out) {
  if (typeof value === 'string') {
    if (condition === 'types' || /\.d\.[cm]?ts$/.test(value)) out.types.push(value);
    else if (/\.[cm]?js$/.test(value)) out.js.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) conditionTargets(item, condition, out);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) conditionTargets(item, key === 'types' ? 'types' : condition, out);
  }
  return out;
}

function listFiles(dir, out = []) {
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listFiles(path, out);
    else out.push(path);
  }
  return out;
}

function entries() {
  const exportsMap = typeof manifest.exports === 'string' || Array.isArray(manifest.exports) ? { '.': manifest.exports } : manifest.exports;
  if (!exportsMap) throw new Error(`${manifest.name}: package.json has no "exports"`);
  const result = [];
  for (const [subpath, value] of Object.entries(exportsMap)) {
    const { js, types } = conditionTargets(value, undefined, { js: [], types: [] });
    if (js.length === 0 && types.length === 0) continue; // ./package.json and other non-code targets
    if (!subpath.includes('*')) {
      result.push({ subpath, js: js.map((t) => join(pkgDir, t)), types: types.map((t) => join(pkgDir, t)) });
      continue;
    }
    // "./x/*": { default: "./dist/x/*.js" }: one entry per file the pattern matches.
    const [prefix, suffix] = (js[0] ?? types[0]).split('*');
    for (const file of listFiles(join(pkgDir, dirname(prefix + 'x')))) {
      const target = './' + rel(file);
      if (!target.startsWith(prefix) || !target.endsWith(suffix) || /\.spec\./.test(target)) continue;
      const star = target.slice(prefix.length, target.length - suffix.length);
      result.push({
        subpath: subpath.replace('*', star),
        js: js.map((t) => join(pkgDir, t.replace('*', star))),
        types: types.map((t) => join(pkgDir, t.replace('*', star))),
      });
    }
  }
  return result;
}

/** The commands of the `bin` map (a string names one command, after the package). */
function bins() {
  const map = typeof manifest.bin === 'string' ? { [manifest.name.split('/').pop()]: manifest.bin } : manifest.bin ?? {};
  return Object.entries(map).map(([name, target]) => ({ name, file: join(pkgDir, target) }));
}

// ---------------------------------------------------------------------------------------------
// One file's imports, from its syntax tree.

const scanned = new Map();

/** { static, dynamic: [specifier] } for JavaScript; { types: [specifier] } for declarations. */
function scan(file) {
  if (scanned.has(file)) return scanned.get(file);
  const declaration = /\.d\.[cm]?ts$/.test(file);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, declaration ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  // `/// <reference types="node" />` is the environment's (@types/node), like node: imports.
  const references = source.typeReferenceDirectives.map((ref) => ref.fileName).filter((name) => name !== 'node');
  const found = { static: [], dynamic: [], types: references, drivers: [] };
  const requireNames = new Set(['require']);
  const literal = (node) => (node && ts.isStringLiteralLike(node) ? node.text : undefined);
  const add = (kind, spec) => {
    if (spec === undefined) return;
    if (declaration) found.types.push(spec);
    else found[kind].push(spec);
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add('static', literal(node.moduleSpecifier));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add('static', literal(node.moduleReference.expression));
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add('static', literal(node.argument.literal));
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) add('static', node.name.text); // declare module 'x'
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
      const callee = node.initializer.expression;
      if (ts.isIdentifier(callee) && callee.text === 'createRequire') requireNames.add(node.name.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire =
        (ts.isIdentifier(callee) && requireNames.has(callee.text)) ||
        (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'createRequire');
      if (isImport || isRequire) add('dynamic', literal(node.arguments[0]));
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      // new URL('./worker.js', import.meta.url): a file the code loads (a worker, usually).
      const [target, base] = node.arguments ?? [];
      if (literal(target)?.startsWith('.') && base?.getText(source) === 'import.meta.url') add('dynamic', literal(target));
    } else if (!declaration && ts.isPropertyAccessExpression(node) && node.expression.getText(source) === 'Reflect' && /metadata/i.test(node.name.text)) {
      add('static', 'reflect-metadata'); // Reflect.metadata / getMetadata: the global reflect-metadata installs
    } else if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'type' && literal(node.initializer) in TYPEORM_DRIVERS) {
      found.drivers.push(TYPEORM_DRIVERS[literal(node.initializer)]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  scanned.set(file, found);
  return found;
}

function resolveRelative(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = /\.d\.[cm]?ts$/.test(from)
    ? [base.replace(/\.([cm]?)js$/, '.d.$1ts'), `${base}.d.ts`, join(base, 'index.d.ts'), base]
    : [base];
  const file = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!file) fail(`${rel(from)}: cannot resolve "${spec}"`);
  return file;
}

/**
 * Walks the files reachable from `starts`. Returns package -> { file, spec, eager }, where
 * `eager` says a chain of static imports from the entry reaches it (it loads with the entry).
 * The drivers of TypeORM data sources count as loaded lazily when TypeORM is reached.
 */
function walk(starts) {
  const packages = new Map();
  const drivers = [];
  const seen = new Map(); // file -> reached eagerly
  const queue = starts.map((file) => [file, true]);
  while (queue.length > 0) {
    const [file, eager] = queue.shift();
    if (seen.has(file) && (seen.get(file) || !eager)) continue;
    seen.set(file, eager);
    const found = scan(file);
    drivers.push(...found.drivers.map((name) => [name, file]));
    const edges = [
      ...found.static.map((spec) => [spec, eager]),
      ...found.dynamic.map((spec) => [spec, false]),
      ...found.types.map((spec) => [spec, eager]),
    ];
    for (const [spec, edgeEager] of edges) {
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = resolveRelative(file, spec);
        if (target) queue.push([target, edgeEager]);
      } else if (!isBuiltin(spec)) {
        const name = packageName(spec);
        const known = packages.get(name);
        if (!known || (edgeEager && !known.eager)) packages.set(name, { file, spec, eager: edgeEager });
      }
    }
  }
  for (const [name, file] of packages.has('typeorm') ? drivers : []) {
    if (!packages.has(name)) packages.set(name, { file, spec: `${name} (TypeORM's driver)`, eager: false });
  }
  return packages;
}

// ---------------------------------------------------------------------------------------------
// Ranges: enough of semver for the ranges package.json files use (^ ~ >= > <= < = x, ||, -).

const parseVersion = (text) => text.replace(/^[v=]/, '').split(/[-+]/)[0].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : undefined));
const compare = (a, b) => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};
function comparatorHolds(version, comparator) {
  const [, op, text] = comparator.match(/^(\^|~|>=|<=|>|<|=)?\s*(.*)$/);
  if (text === '' || text === '*' || text === 'x') return true;
  const wanted = parseVersion(text);
  const given = wanted.filter((part) => part !== undefined).length; // 1.2 = 1.2.x
  const low = [wanted[0] ?? 0, wanted[1] ?? 0, wanted[2] ?? 0];
  const bump = (index) => low.map((part, i) => (i < index ? part : i === index ? part + 1 : 0));
  switch (op) {
    case '>=': return compare(version, low) >= 0;
    case '>': return compare(version, low) > 0;
    case '<': return compare(version, low) < 0;
    case '<=': return compare(version, low) <= 0;
    case '~': return compare(version, low) >= 0 && compare(version, bump(given >= 2 ? 1 : 0)) < 0;
    case '^': {
      const index = low[0] > 0 || given === 1 ? 0 : low[1] > 0 || given === 2 ? 1 : 2;
      return compare(version, low) >= 0 && compare(version, bump(index)) < 0;
    }
    default: return given === 3 ? compare(version, low) === 0 : compare(version, low) >= 0 && compare(version, bump(given - 1)) < 0;
  }
}
const satisfies = (versionText, range) =>
  range.split('||').some((alternative) => {
    const hyphen = alternative.trim().match(/^(\S+)\s+-\s+(\S+)$/);
    const comparators = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : alternative.trim().split(/\s+(?=[\^~<>=\d])/).filter(Boolean);
    return comparators.every((comparator) => comparatorHolds(parseVersion(versionText), comparator.replace(/\s+/g, '')));
  });

// ---------------------------------------------------------------------------------------------
// The checks.

const used = new Set();
const report = [];
const needs = new Map(); // subpath -> Set of optional peers it needs

for (const entry of entries()) {
  const importPath = entry.subpath === '.' ? manifest.name : `${manifest.name}/${entry.subpath.slice(2)}`;
  for (const file of [...entry.js, ...entry.types]) {
    if (!existsSync(file)) fail(`export "${entry.subpath}": ${rel(file)} does not exist (run \`npm run build\` first)`);
  }
  if (entry.js.length > 0 && entry.types.length === 0) fail(`export "${entry.subpath}" has no "types" condition`);
  // TypeScript's node10 resolution (module commonjs without moduleResolution: apps made by
  // `nest new` up to 10) ignores "exports": it finds a subpath's types through "typesVersions".
  const mapped = manifest.typesVersions?.['*']?.[entry.subpath.slice(2)] ?? [];
  if (entry.subpath !== '.' && entry.types.length > 0 && !entry.types.some((file) => mapped.some((target) => join(pkgDir, target) === file))) {
    fail(`package.json typesVersions["*"]["${entry.subpath.slice(2)}"] should be ["./${rel(entry.types[0])}"], for apps on node10 module resolution`);
  }
  const runtime = walk(entry.js.filter(existsSync));
  const typeRefs = walk(entry.types.filter(existsSync));
  const needed = new Set();

  for (const [name, { file, spec, eager }] of runtime) {
    used.add(name);
    if (!declared(name)) {
      fail(`${rel(file)} imports "${spec}" (reached from export "${entry.subpath}"): "${name}" is in neither dependencies nor peerDependencies`);
    } else if (optionalPeer(name)) {
      needed.add(name);
      if (eager && entry.subpath === '.') {
        fail(`${rel(file)} imports "${spec}" when "${importPath}" is imported, but "${name}" is an optional peer: make it a required peer (and list it in the README's install line) or load it lazily`);
      }
    }
  }
  for (const [name, { file, spec }] of typeRefs) {
    const ships = name.startsWith('@types/') || shipsTypes(name);
    const provider = ships === false ? typesPackage(name) : name;
    if (ships === undefined && !declared(name)) {
      fail(`${rel(file)} imports types from "${spec}", which is not installed in the workspace: cannot tell which package provides its types`);
      continue;
    }
    used.add(provider);
    if (!declared(provider)) {
      fail(`${rel(file)} imports types from "${spec}" (reached from export "${entry.subpath}"): "${provider}" is in neither dependencies nor peerDependencies`);
    } else if (optionalPeer(provider)) {
      needed.add(provider);
    }
  }
  needs.set(importPath, needed);
  const eagerPeers = [...runtime].filter(([name, { eager }]) => eager && name in peers && !optionalPeer(name)).map(([name]) => name);
  report.push(`${importPath}: ${new Set([...runtime.keys(), ...typeRefs.keys()]).size} packages; optional peers: ${[...needed].sort().join(' ') || '-'}${eagerPeers.length ? `; required peers it loads: ${eagerPeers.sort().join(' ')}` : ''}`);
}

for (const { name, file } of bins()) {
  if (!existsSync(file)) {
    fail(`bin "${name}": ${rel(file)} does not exist (run \`npm run build\` first)`);
    continue;
  }
  if (!readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')) fail(`bin "${name}": ${rel(file)} does not start with "#!/usr/bin/env node"`);
  const runtime = walk([file]);
  for (const [dependency, { file: from, spec }] of runtime) {
    used.add(dependency);
    if (!(dependency in dependencies) && dependency !== manifest.name) {
      fail(`${rel(from)} imports "${spec}" (reached from bin "${name}"): "${dependency}" must be in dependencies, as \`npx ${manifest.name}\` installs no optional peers`);
    }
  }
  report.push(`bin ${name}: ${runtime.size} packages`);
}

for (const [field, list] of [['dependencies', dependencies], ['peerDependencies', peers]]) {
  for (const [name, range] of Object.entries(list)) {
    if (!used.has(name)) fail(`package.json ${field}: "${name}" is declared, but no entry point imports it (or its types)`);
    const installed = installedManifest(name);
    if (!installed) fail(`package.json ${field}: "${name}" is not installed in the workspace (add it to the root package.json)`);
    else if (!satisfies(installed.json.version, range)) {
      fail(`package.json ${field}: "${name}": "${range}" is not satisfied by the workspace's ${installed.json.version}`);
    }
  }
}
for (const name of Object.keys(manifest.peerDependenciesMeta ?? {})) {
  if (!(name in peers)) fail(`package.json peerDependenciesMeta: "${name}" is not a peer dependency`);
}

// The package README's install lines.
const readmePath = join(pkgDir, 'README.md');
if (!existsSync(readmePath)) fail(`${rel(readmePath)} is missing`);
else {
  const lines = readFileSync(readmePath, 'utf8').split('\n').map((line) => line.match(/^\s*npm (?:i|install) ([^#]+?)\s*(?:#\s*(\S+).*)?$/)).filter(Boolean);
  const listed = (match) => match[1].split(/\s+/).filter((word) => !word.startsWith('-'));
  const core = lines.find((match) => listed(match).includes(manifest.name));
  if (!core) fail(`${rel(readmePath)}: no \`npm i ${manifest.name} ...\` line`);
  const corePackages = new Set(core ? listed(core) : []);
  for (const name of Object.keys(peers).filter((peer) => !optionalPeer(peer))) {
    if (!corePackages.has(name)) fail(`${rel(readmePath)}: the install line lacks the required peer "${name}"`);
  }
  for (const [importPath, needed] of needs) {
    const expected = [...needed].filter((name) => !corePackages.has(name)).sort();
    const line = lines.find((match) => match[2] === importPath);
    if (!line) {
      if (expected.length > 0) fail(`${rel(readmePath)}: no \`npm i ${expected.join(' ')}  # ${importPath}\` line`);
      continue;
    }
    const actual = listed(line).sort();
    if (actual.join(' ') !== expected.join(' ')) {
      fail(`${rel(readmePath)}: the line for ${importPath} lists "${actual.join(' ')}", its optional peers are "${expected.join(' ')}"`);
    }
  }
}

// What `npm pack` would put in the tarball.
const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8' });
if (pack.status !== 0) fail(`npm pack --dry-run failed:\n${pack.stderr}`);
else {
  const files = JSON.parse(pack.stdout)[0].files.map((file) => file.path);
  const sourceDir = join(pkgDir, 'src');
  const mapsWithoutSources = [];
  const stale = [];
  for (const file of files) {
    if (/\.tsbuildinfo$|(^|\/)\.cache\//.test(file)) fail(`the tarball holds a build cache: ${file}`);
    if (/\.(spec|test)\.[cm]?[jt]s/.test(file)) fail(`the tarball holds a test file: ${file}`);
    const source = file.match(/^dist\/(.*)\.(js|d\.ts)$/);
    if (source && !existsSync(join(sourceDir, `${source[1]}.ts`))) stale.push(file);
    if (file.endsWith('.map')) {
      const map = JSON.parse(readFileSync(join(pkgDir, file), 'utf8'));
      const missing = map.sources.filter((_, i) => typeof map.sourcesContent?.[i] !== 'string' && !files.includes(join(dirname(file), map.sources[i])));
      if (missing.length > 0) mapsWithoutSources.push(`${file} -> ${missing.join(', ')}`);
    }
  }
  if (stale.length > 0) {
    fail(`the tarball would hold ${stale.length} build output(s) whose source is gone, e.g. ${stale[0]} (remove dist and .tsbuildinfo and build again; \`npm pack\` does, in prepack)`);
  }
  if (mapsWithoutSources.length > 0) {
    fail(`${mapsWithoutSources.length} source map(s) in the tarball point to sources it does not hold (set inlineSources, or ship no maps), e.g. ${mapsWithoutSources[0]}`);
  }
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!files.includes(required)) fail(`the tarball has no ${required}`);
  }
  for (const entry of entries()) {
    for (const file of [...entry.js, ...entry.types]) if (!files.includes(rel(file))) fail(`the tarball lacks ${rel(file)} (export "${entry.subpath}")`);
  }
  for (const { name, file } of bins()) if (!files.includes(rel(file))) fail(`the tarball lacks ${rel(file)} (bin "${name}")`);
  report.push(`tarball: ${files.length} files`);
}

console.log(report.join('\n'));
if (errors.length > 0) {
  console.error(`\n${manifest.name}: ${errors.length} packaging problem(s):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
console.log(`${manifest.name}: every entry point's imports are declared`);
