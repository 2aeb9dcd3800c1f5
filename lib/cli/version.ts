import * as fs from 'fs';
import * as path from 'path';

/**
 * The version of the meshlight package that holds `dir`: that of the first `package.json` named `meshlight` found
 * walking up from `dir`. Read at run time, so that it is right from source (`lib/cli/`) and from an installed build
 * (`node_modules/meshlight/dist-lib/lib/cli/`) alike.
 */
export function meshlightVersion(dir: string = __dirname): string {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = path.join(current, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'meshlight' && typeof manifest.version === 'string') {
        return manifest.version;
      }
    }
    if (path.dirname(current) === current) {
      throw new Error(`no package.json of meshlight in ${path.resolve(dir)} or above it`);
    }
  }
}
