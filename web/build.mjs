// Builds the console into the server's web root: our sources as they are (plain ES modules, no bundler)
// and the vendor files from node_modules, so the page works in an operations room with no internet.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "Deconflict.Server", "wwwroot");
const modules = join(here, "node_modules");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "vendor"), { recursive: true });
cpSync(join(here, "src"), out, { recursive: true });
cpSync(join(modules, "leaflet", "dist", "leaflet.js"), join(out, "vendor", "leaflet.js"));
cpSync(join(modules, "leaflet", "dist", "leaflet.css"), join(out, "vendor", "leaflet.css"));
cpSync(join(modules, "leaflet", "dist", "images"), join(out, "vendor", "images"), { recursive: true });
cpSync(join(modules, "milsymbol", "dist", "milsymbol.js"), join(out, "vendor", "milsymbol.js"));
console.log(`console built into ${out}`);
