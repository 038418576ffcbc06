import { describe, expect, it } from 'vitest';
import { bestMatch, MATCH_THRESHOLD, similarity, titleWords } from './matching';

describe('feature request matching', () => {
  it('reduces a title to its words: case, accents, punctuation, filler and plurals dropped', () => {
    expect(titleWords('Please add a DARK mode!')).toEqual(['dark', 'mode']);
    expect(titleWords('Café exports, please')).toEqual(['cafe', 'export']);
    expect(titleWords('Add support for it')).toEqual([]);
    expect(titleWords('Class notes')).toEqual(['class', 'note']);
  });

  it('matches at a Dice coefficient of at least 0.8', () => {
    expect(MATCH_THRESHOLD).toBe(0.8);
    expect(similarity(['dark', 'mode'], ['dark', 'mode'])).toBe(1);
    expect(similarity(titleWords('Dark mode for the editor'), titleWords('Dark mode'))).toBe(0.8);
    expect(similarity(titleWords('Export to PDF'), titleWords('Export to CSV'))).toBe(0.5);
    expect(similarity([], ['dark'])).toBe(0);
  });

  it('picks the most similar, then the most voted, then the oldest; nothing below the threshold', () => {
    const items = [
      { id: 'a', title: 'Dark mode for the editor', votes: 9, createdAt: '2026-01-01' },
      { id: 'b', title: 'Dark mode', votes: 1, createdAt: '2026-02-01' },
      { id: 'c', title: 'dark modes', votes: 3, createdAt: '2026-03-01' },
      { id: 'd', title: 'Dark theme', votes: 50, createdAt: '2025-01-01' },
    ];
    expect(bestMatch('Add dark mode', items)?.item.id).toBe('c');
    expect(bestMatch('Add dark mode', items.slice(0, 2))?.item.id).toBe('b');
    expect(bestMatch('Calendar sync', items)).toBeUndefined();
    expect(bestMatch('Please add it', items)).toBeUndefined();
  });
});
