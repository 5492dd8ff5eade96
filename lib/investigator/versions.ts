// VersionSource over PEP 503/691 indexes (lib/index): the versions a project page lists, PEP 700
// `versions` when the index gives it, else the versions of its files. One client per index URL.
import { HttpPackageIndex, fileVersion } from '../index/index.js';
import type { VersionSource } from './types.js';

export class IndexVersionSource implements VersionSource {
  private readonly clients = new Map<string, HttpPackageIndex>();

  async listVersions(name: string, indexUrl: string): Promise<string[]> {
    let client = this.clients.get(indexUrl);
    if (client === undefined) {
      client = new HttpPackageIndex({ indexUrls: [indexUrl] });
      this.clients.set(indexUrl, client);
    }
    const page = await client.getProject(name);
    if (page.kind === 'not-found') return [];
    if (page.versions !== undefined) return [...page.versions];
    const versions = new Set<string>();
    for (const file of page.files) {
      const version = fileVersion(file.filename, name);
      if (version !== undefined) versions.add(version);
    }
    return [...versions];
  }
}
