/**
 * robots.txt as RFC 9309 reads it: our group or `*`, the longest match, Allow on a tie, `*` and
 * `$`, percent-encoding, Crawl-delay — and a hostile file that cannot stall the matcher.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRobots, patternMatches, robotsUrlOf } from '../core/portal/robots';

describe('robots.txt', () => {
  it('takes the group naming nianbao-lens (or nianbao) over *, merging groups of the same agent', () => {
    const text = ['User-agent: *', 'Disallow: /', '', 'User-agent: Nianbao', 'Disallow: /private/', '', 'user-agent: googlebot', 'Disallow: /xxgk/', '', 'User-agent: nianbao-lens', 'Disallow: /tmp/'].join('\n');
    const robots = parseRobots(text);
    expect(robots.allows('https://www.example.gov.cn/xxgk/ndbg/index.html')).toBe(true);
    expect(robots.allows('https://www.example.gov.cn/private/a.html')).toBe(false);
    expect(robots.allows('https://www.example.gov.cn/tmp/a.html')).toBe(false);
    // Another crawler's group is not ours; without a group of our own, * applies.
    expect(parseRobots(text, 'otherbot').allows('/xxgk/ndbg/index.html')).toBe(false);
    expect(parseRobots('User-agent: googlebot\nDisallow: /\n').allows('/a')).toBe(true);
  });

  it('agents listed together share the rules that follow them', () => {
    const robots = parseRobots('User-agent: a\nUser-agent: nianbao-lens\nDisallow: /x/\nUser-agent: b\nDisallow: /y/\n');
    expect(robots.allows('/x/1')).toBe(false);
    expect(robots.allows('/y/1')).toBe(true);
  });

  it('the longest matching rule decides; Allow wins a tie; an empty Disallow allows all', () => {
    const robots = parseRobots(['User-agent: *', 'Disallow: /xxgk/', 'Allow: /xxgk/ndbg/', 'Disallow: /xxgk/ndbg/draft', 'Allow: /same', 'Disallow: /same', 'Disallow:'].join('\n'));
    expect(robots.allows('/xxgk/zcwj/1.html')).toBe(false);
    expect(robots.allows('/xxgk/ndbg/2024.html')).toBe(true);
    expect(robots.allows('/xxgk/ndbg/draft-2024.html')).toBe(false);
    expect(robots.allows('/same/page')).toBe(true);
    expect(robots.allows('/other')).toBe(true);
  });

  it('* matches any run of characters, a final $ the end; the query is part of the path', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /*.pdf$\nDisallow: /search?\nDisallow: /*/print/\n');
    expect(robots.allows('/files/2024.pdf')).toBe(false);
    expect(robots.allows('/files/2024.pdf?download=1')).toBe(true);
    expect(robots.allows('/search?q=年报')).toBe(false);
    expect(robots.allows('/search')).toBe(true);
    expect(robots.allows('/xxgk/print/1.html')).toBe(false);
    expect(patternMatches('/a*b$', '/a-x-b')).toBe(true);
    expect(patternMatches('/a*b$', '/a-x-bc')).toBe(false);
  });

  it('Chinese paths match whether the rule or the address is percent-encoded', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /年报/草稿/\nDisallow: /%E5%86%85%E9%83%A8/\n');
    expect(robots.allows('https://x.gov.cn/%E5%B9%B4%E6%8A%A5/%E8%8D%89%E7%A8%BF/1.html')).toBe(false);
    expect(robots.allows('/内部/1.html')).toBe(false);
    expect(robots.allows('/年报/2024.html')).toBe(true);
  });

  it('reads Crawl-delay (capped), ignores comments, sitemaps and rules before any group; /robots.txt is always allowed', () => {
    const robots = parseRobots('Disallow: /before-any-group\n# comment\nSitemap: https://x.gov.cn/sitemap.xml\nUser-agent: * # everyone\nCrawl-delay: 5\nDisallow: / # all\n');
    expect(robots.crawlDelay).toBe(5);
    expect(robots.allows('/before-any-group')).toBe(false); // because of "Disallow: /"
    expect(robots.allows('/robots.txt')).toBe(true);
    expect(parseRobots('User-agent: *\nCrawl-delay: 86400\n').crawlDelay).toBe(60);
    expect(parseRobots('User-agent: *\nCrawl-delay: soon\n').crawlDelay).toBeNull();
    expect(parseRobots('Disallow: /\n').allows('/a')).toBe(true);
  });

  it('a hostile file cannot stall it (the test timeout guards): thousands of stars against a long path, megabytes of rules', () => {
    const stars = `/${'*a'.repeat(2000)}b`;
    expect(parseRobots(`User-agent: *\nDisallow: ${stars}\n`).allows(`/${'a'.repeat(4000)}`)).toBe(true);
    const huge = parseRobots(`User-agent: *\n${'Disallow: /x\n'.repeat(200_000)}Disallow: /late\n`);
    expect(huge.allows('/late')).toBe(true); // past the first 500 KiB: not read
    expect(huge.allows('/x/1')).toBe(false);
  });

  it('the matcher agrees with a regular expression of the same pattern (small alphabets, every shape of stars and $)', () => {
    const reference = (pattern: string, path: string) => {
      const anchored = pattern.endsWith('$');
      const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
      return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
    };
    const text = (chars: string[], max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(text(['a', 'b', '/', '*'], 8), fc.boolean(), text(['a', 'b', '/'], 12), (body, anchored, path) => {
        const pattern = `/${body}${anchored ? '$' : ''}`;
        expect(patternMatches(pattern, `/${path}`), `${pattern} ~ /${path}`).toBe(reference(pattern, `/${path}`));
      }),
      { numRuns: 3000 },
    );
  });

  it('hundreds of long many-star rules against a 10,000-character path stay cheap (the test timeout guards); absurdly long rules are dropped', () => {
    const rules = Array.from({ length: 250 }, (_, i) => `Disallow: /${'*a'.repeat(900)}b${i}`).join('\n');
    const robots = parseRobots(`User-agent: *\n${rules}\nDisallow: /${'x'.repeat(3000)}\n`);
    for (let k = 0; k < 20; k++) expect(robots.allows(`/${'a'.repeat(10_000)}`)).toBe(true);
    expect(robots.allows(`/${'x'.repeat(3000)}/1.html`)).toBe(true); // the 3,000-character rule was not kept
  });

  it('names where a robots.txt is', () => {
    expect(robotsUrlOf('https://www.example.gov.cn:8443/xxgk/ndbg/index.html?page=2')).toBe('https://www.example.gov.cn:8443/robots.txt');
  });
});
