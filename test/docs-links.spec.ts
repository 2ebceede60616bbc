import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Every relative link and `#anchor` in the repository's Markdown resolves, and nothing points
 * outside the repository (a clone has no `../shared`). Reads files only: no app, no database.
 */

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'data', 'coverage']);

/** The Markdown files under `root`, as paths relative to it. */
export function markdownFiles(root: string, dir = root): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...markdownFiles(root, join(dir, entry.name)));
    } else if (entry.name.endsWith('.md')) {
      found.push(relative(root, join(dir, entry.name)));
    }
  }
  return found.sort();
}

/** The text outside fenced code blocks and inline code spans (a span may cross a line break). */
function prose(markdown: string): string {
  let inFence = false;
  const lines = markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : line;
  });
  return lines.join('\n').replace(/`[^`]*`/g, '');
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** The link targets of a Markdown text: inline links and images, and reference definitions. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets: string[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]*)[^)]*\)/g)) targets.push(m[1].replace(/^<|>$/g, ''));
  for (const m of text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)) targets.push(m[1]);
  return targets;
}

/** Every broken link of the Markdown files under `root`, as "file: target (why)". */
export function brokenLinks(root: string): string[] {
  const problems: string[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsIn = (file: string) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(file, 'utf8')));
    return anchorCache.get(file)!;
  };
  for (const file of markdownFiles(root)) {
    const path = join(root, file);
    const markdown = readFileSync(path, 'utf8');
    if (markdown.includes('../shared')) problems.push(`${file}: mentions ../shared (not in a clone)`);
    for (const target of linkTargets(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
      const [rawPath, anchor] = target.split('#', 2);
      const targetPath = rawPath ? resolve(dirname(path), decodeURIComponent(rawPath)) : path;
      if (relative(root, targetPath).startsWith('..')) {
        problems.push(`${file}: ${target} (leaves the repository)`);
      } else if (!existsSync(targetPath)) {
        problems.push(`${file}: ${target} (no such file)`);
      } else if (anchor !== undefined) {
        if (statSync(targetPath).isDirectory() || !targetPath.endsWith('.md')) {
          problems.push(`${file}: ${target} (an anchor into a file that is not Markdown)`);
        } else if (!anchorsIn(targetPath).has(decodeURIComponent(anchor))) {
          problems.push(`${file}: ${target} (no heading #${anchor})`);
        }
      }
    }
  }
  return problems;
}

describe('documentation links', () => {
  const root = resolve(__dirname, '..');

  it('finds the README and the guides in docs/', () => {
    const files = markdownFiles(root);
    expect(files).toContain('README.md');
    expect(files).toContain(join('docs', 'README.md'));
    expect(files).toContain(join('docs', 'api.md'));
  });

  it('every relative link and #anchor in the Markdown files resolves, and none leaves the repository', () => {
    expect(brokenLinks(root)).toEqual([]);
  });

  it('keeps the README short: the first five minutes, at most 200 lines', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  describe('the checker itself', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'docs-links-'));
      mkdirSync(join(dir, 'docs'));
      writeFileSync(
        join(dir, 'docs', 'guide.md'),
        '# Guide\n\n## Paging at any size (beyond)\n\n## `voted` and votes\n\n## Paging at any size (beyond)\n',
      );
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('accepts links, images and anchors that exist, and ignores code and other hosts', () => {
      writeFileSync(join(dir, 'docs', 'pic.png'), '');
      writeFileSync(
        join(dir, 'README.md'),
        [
          '# Top',
          '[guide](docs/guide.md), [paging](docs/guide.md#paging-at-any-size-beyond),',
          '[again](docs/guide.md#paging-at-any-size-beyond-1), [voted](docs/guide.md#voted-and-votes),',
          '[here](#top), ![pic](docs/pic.png), [docs](docs/), [web](https://example.com/x.md#nowhere)',
          '`[not a link](nowhere.md)`',
          '```',
          '[not a link either](nowhere.md)',
          '```',
        ].join('\n'),
      );
      expect(brokenLinks(dir)).toEqual([]);
    });

    it('reports a missing file, a missing anchor, a link out of the repository and ../shared', () => {
      writeFileSync(
        join(dir, 'README.md'),
        [
          '# Top',
          '[gone](docs/gone.md) [bad anchor](docs/guide.md#no-such-heading) [here](#nowhere)',
          '[outside](../shared/api-contract.md)',
        ].join('\n'),
      );
      expect(brokenLinks(dir)).toEqual([
        'README.md: mentions ../shared (not in a clone)',
        'README.md: docs/gone.md (no such file)',
        'README.md: docs/guide.md#no-such-heading (no heading #no-such-heading)',
        'README.md: #nowhere (no heading #nowhere)',
        'README.md: ../shared/api-contract.md (leaves the repository)',
      ]);
    });
  });
});
