// The booth's view of the dossiers (docs/dossier.md §5): the criteria once above the ballot and, beside each
// person, a link to their dossier in the portal. The booth itself sends no dossier request and no portal key:
// the link opens the portal, which uses the key saved on this device when the voter opened their slip's link.
import { lang } from './i18n.js';
import { $, h, api } from './common.js';

let criteria = null;

/** Fills #criteria with "Tiêu chí đánh giá" (public text, fetched once). Failure leaves it hidden: the ballot works without it. */
export async function showCriteria() {
  const box = $('criteria');
  if (!box) return;
  try {
    criteria = criteria || await api('GET', '/api/portal/criteria');
  } catch { return; }
  box.hidden = false;
  box.replaceChildren(h('h3', { id: 'criteria-title' }, lang === 'vi' ? criteria.titleVi : criteria.titleEn),
    ...criteria.groups.map((g, i) => h('details', {}, h('summary', {}, `${i + 1}. ${lang === 'vi' ? g.vi : g.en}`),
      h('ul', {}, ...(lang === 'vi' ? g.itemsVi : g.itemsEn).map((x) => h('li', {}, x))))));
}

/** The "Hồ sơ" link of subject {@code index} of the poll. */
export function dossierLink(pollId, index) {
  return h('a', { class: 'dossier-link small', href: `/portal.html?poll=${encodeURIComponent(pollId)}&subject=${index}`,
    target: '_blank', rel: 'noopener noreferrer', 'data-role': 'dossier' }, lang === 'vi' ? 'Hồ sơ' : 'Dossier');
}
