// A small dictionary: Vietnamese by default, English switchable (saved in localStorage).
// Markup carries data-i18n="key" (text) or data-i18n-placeholder="key".
const DICT = {
  vi: {
    'app.name': 'cvote — Lấy phiếu tín nhiệm',
    'nav.home': 'Trang chủ', 'nav.booth': 'Bỏ phiếu', 'nav.board': 'Bảng tin công khai', 'nav.verify': 'Cách kiểm tra',
    'nav.console': 'Văn phòng', 'lang.switch': 'English',
    'common.retry': 'Thử lại', 'common.loading': 'Đang tải…', 'common.download': 'Tải xuống',
    'common.network': 'Không kết nối được máy chủ. Kiểm tra mạng rồi bấm "Thử lại".',
    'common.error': 'Lỗi', 'common.field': 'trường',
    'status.DRAFT': 'Đang chuẩn bị', 'status.CEREMONY': 'Ban kiểm phiếu đang tạo khoá', 'status.READY': 'Sẵn sàng, chưa mở',
    'status.OPEN': 'Đang bỏ phiếu', 'status.CLOSED': 'Đã kết thúc bỏ phiếu', 'status.TALLIED': 'Đã kiểm phiếu', 'status.PUBLISHED': 'Đã công bố',
    'booth.title': 'Phòng bỏ phiếu', 'booth.noPoll': 'Thiếu mã hội nghị trong đường dẫn (ví dụ /booth/p-…).',
    'booth.poll': 'Hội nghị', 'booth.place': 'Địa điểm', 'booth.date': 'Ngày', 'booth.status': 'Trạng thái',
    'booth.fingerprint': 'Dấu vân tay của cuộc bỏ phiếu', 'booth.fingerprintHelp': 'So với dấu vân tay niêm yết tại hội nghị: phải giống hệt.',
    'booth.fingerprintBad': 'Dấu vân tay không khớp với dữ liệu công bố. KHÔNG bỏ phiếu; báo ngay cho Ban kiểm phiếu.',
    'booth.notOpen': 'Cuộc bỏ phiếu chưa mở hoặc đã kết thúc.',
    'booth.code': 'Mã truy cập', 'booth.codeHelp': 'Mã gồm 17 ký tự trên phiếu được phát khi điểm danh (ví dụ ABCD-EFGH-JKMN-PQRS-T).',
    'booth.codeSubmit': 'Nhận phiếu', 'booth.codeBad': 'Mã truy cập gõ sai (thiếu ký tự hoặc sai một ký tự). Kiểm tra lại.',
    'booth.gettingToken': 'Đang nhận phiếu (mã hoá mù trong trình duyệt)…', 'booth.resuming': 'Tiếp tục phiên đã bắt đầu trên thiết bị này…',
    'booth.form': 'Phiếu tín nhiệm', 'booth.formHelp': 'Mỗi người chỉ đánh dấu một ô. Hàng để trống sẽ không hợp lệ đối với người đó.',
    'booth.col.stt': 'Stt', 'booth.col.name': 'Họ và tên', 'booth.col.position': 'Chức vụ', 'booth.col.unit': 'Đơn vị',
    'booth.col.high': 'Tín nhiệm cao', 'booth.col.mid': 'Tín nhiệm', 'booth.col.low': 'Tín nhiệm thấp', 'booth.col.clear': 'Bỏ chọn',
    'booth.encrypt': 'Mã hoá phiếu',
    'booth.blankTitle': 'Có hàng chưa đánh dấu',
    'booth.blankText': 'Các người sau chưa được đánh dấu. Phiếu của bạn sẽ KHÔNG HỢP LỆ đối với họ (các người khác vẫn được tính):',
    'booth.blankConfirm': 'Tôi hiểu và vẫn muốn để trống', 'booth.blankBack': 'Quay lại đánh dấu',
    'booth.encrypting': 'Đang mã hoá và tạo bằng chứng trong trình duyệt…',
    'booth.review': 'Phiếu đã được mã hoá', 'booth.ballotHash': 'Mã băm của phiếu',
    'booth.reviewHelp': 'Bạn có thể bỏ phiếu ngay, hoặc kiểm tra (thách thức) bản mã hoá này: khi đó lựa chọn và số ngẫu nhiên được tiết lộ để bạn kiểm tra, bản này bị huỷ và phiếu được mã hoá lại.',
    'booth.cast': 'Bỏ phiếu', 'booth.challenge': 'Kiểm tra bản mã hoá này', 'booth.edit': 'Sửa lựa chọn',
    'booth.casting': 'Đang gửi phiếu (ẩn danh)…',
    'booth.audit': 'Bản mã hoá đã được kiểm tra (không bao giờ được gửi)',
    'booth.auditOk': 'Mã hoá lại từ lựa chọn và số ngẫu nhiên cho đúng bản mã: trình duyệt mã hoá trung thực.',
    'booth.auditBad': 'Kiểm tra THẤT BẠI: bản mã không khớp lựa chọn. Không bỏ phiếu; báo cho Ban kiểm phiếu.',
    'booth.auditDownload': 'Tải tệp phiếu đã kiểm tra (cho cvote-verify --challenged)',
    'booth.auditFresh': 'Phiếu đã được mã hoá lại với số ngẫu nhiên mới, bên dưới.',
    'booth.done': 'Phiếu của bạn đã được ghi nhận', 'booth.tracking': 'Mã theo dõi',
    'booth.trackingHelp': 'Ghi lại mã này: bạn có thể tìm nó trên bảng tin công khai để chắc chắn phiếu đã được tính.',
    'booth.receiptOk': 'Biên nhận có chữ ký hợp lệ của máy chủ.', 'booth.receiptBad': 'Biên nhận KHÔNG hợp lệ',
    'booth.receiptDownload': 'Tải biên nhận',
    'booth.receiptFromBoard': 'Phản hồi của máy chủ bị mất, nhưng phiếu của bạn đã có trên bảng tin (không có chữ ký biên nhận).', 'booth.onBoard': 'Xem trên bảng tin',
    'booth.index': 'Số thứ tự trên bảng tin',
    'booth.timing': 'Thời gian mã hoá + bằng chứng',
    'choice.HIGH': 'Tín nhiệm cao', 'choice.MID': 'Tín nhiệm', 'choice.LOW': 'Tín nhiệm thấp', 'choice.BLANK': 'Để trống (không hợp lệ)',
    'err.wrong_access_code': 'Mã truy cập không đúng cho cuộc bỏ phiếu này.',
    'err.token_already_issued': 'Mã truy cập này đã được dùng để nhận phiếu.',
    'err.not_present': 'Bạn chưa được điểm danh là có mặt. Liên hệ Văn phòng.',
    'err.poll_not_open': 'Cuộc bỏ phiếu không mở.',
    'err.token_spent': 'Phiếu này đã được bỏ rồi (mã thông hành đã dùng).',
    'err.too_many_requests': 'Quá nhiều lần thử. Vui lòng đợi một lát rồi thử lại.',
    'err.not_found': 'Không tìm thấy.', 'err.unauthorized': 'Sai tên đăng nhập hoặc mật khẩu, hoặc phiên đã hết hạn.',
    'err.wrong_state': 'Thao tác không phù hợp với trạng thái hiện tại.', 'err.no_quorum': 'Chưa đủ 2/3 số người được triệu tập có mặt.',
    'err.invalid': 'Dữ liệu không hợp lệ.',
    'board.title': 'Bảng tin công khai', 'board.count': 'Số phiếu đã thu', 'board.search': 'Tìm mã theo dõi',
    'board.searchBtn': 'Tìm', 'board.found': 'Có trên bảng tin: phiếu số', 'board.notFound': 'Không có phiếu nào với mã theo dõi này.',
    'board.record': 'Tải hồ sơ công bố (zip)', 'board.recordNotYet': 'Hồ sơ sẽ có sau khi kiểm phiếu và công bố.',
    'board.pollId': 'Mã hội nghị', 'board.open': 'Mở', 'board.col.index': 'Số', 'board.col.tracking': 'Mã theo dõi', 'board.col.hash': 'Mã băm phiếu',
    'console.title': 'Văn phòng — quản lý hội nghị', 'console.login': 'Đăng nhập', 'console.user': 'Tên đăng nhập', 'console.password': 'Mật khẩu',
    'console.logout': 'Đăng xuất', 'console.polls': 'Các hội nghị', 'console.newPoll': 'Tạo hội nghị mới',
    'console.pollTitle': 'Tên hội nghị', 'console.place': 'Địa điểm', 'console.date': 'Ngày', 'console.visibility': 'Công bố kết quả',
    'console.vis.PARTICIPANTS': 'Cho người tham dự', 'console.vis.PUBLIC': 'Công khai', 'console.create': 'Tạo',
    'console.subjects': 'Người được lấy phiếu', 'console.subjectsCsv': 'Nhập CSV (name, position, unit)',
    'console.roster': 'Danh sách triệu tập', 'console.rosterCsv': 'Nhập CSV (name, unit)',
    'console.preview': 'Xem trước', 'console.import': 'Nhập', 'console.rows': 'dòng',
    'console.attendance': 'Điểm danh', 'console.checkIn': 'Điểm danh (hoặc cấp lại mã) người đã chọn và in mã truy cập', 'console.print': 'In phiếu mã',
    'console.summoned': 'Triệu tập', 'console.present': 'Có mặt', 'console.absent': 'Vắng', 'console.atVoting': 'Có mặt lúc bỏ phiếu',
    'console.quorum': 'Đủ túc số (≥ 2/3)', 'console.noQuorum': 'Chưa đủ túc số (cần ≥ 2/3 có mặt)',
    'console.committee': 'Ban kiểm phiếu và lễ tạo khoá', 'console.startCeremony': 'Bắt đầu lễ tạo khoá',
    'console.ceremonyWaiting': 'Đang chờ các thành viên Ban kiểm phiếu hoàn tất lễ tạo khoá…',
    'console.ceremonyDone': 'Lễ tạo khoá đã xong. Dấu vân tay:',
    'console.lifecycle': 'Mở / đóng bỏ phiếu', 'console.open': 'Mở bỏ phiếu', 'console.close': 'Kết thúc bỏ phiếu',
    'console.counts': 'Số liệu trực tiếp', 'console.issued': 'Phiếu phát ra (mã thông hành)', 'console.collected': 'Phiếu thu về',
    'console.noPartial': 'Không có kết quả từng phần: chỉ Ban kiểm phiếu giải mã được tổng sau khi kết thúc.',
    'console.results': 'Kết quả và báo cáo', 'console.resultsLater': 'Có sau khi Ban kiểm phiếu kiểm phiếu.',
    'console.boothLink': 'Đường dẫn phòng bỏ phiếu', 'console.boardLink': 'Bảng tin',
    'console.select': 'Chọn', 'console.left': 'Đã rời hội nghị', 'console.late': 'đến muộn',
    'console.markLeft': 'Ghi nhận người đã chọn rời hội nghị',
    'verify.title': 'Cách tự kiểm tra cuộc bỏ phiếu',
  },
  en: {
    'app.name': 'cvote — Confidence vote',
    'nav.home': 'Home', 'nav.booth': 'Vote', 'nav.board': 'Public bulletin board', 'nav.verify': 'How to verify',
    'nav.console': 'Secretariat', 'lang.switch': 'Tiếng Việt',
    'common.retry': 'Retry', 'common.loading': 'Loading…', 'common.download': 'Download',
    'common.network': 'Cannot reach the server. Check the network, then press "Retry".',
    'common.error': 'Error', 'common.field': 'field',
    'status.DRAFT': 'Being prepared', 'status.CEREMONY': 'Committee key ceremony under way', 'status.READY': 'Ready, not open yet',
    'status.OPEN': 'Voting open', 'status.CLOSED': 'Voting closed', 'status.TALLIED': 'Counted', 'status.PUBLISHED': 'Published',
    'booth.title': 'Voting booth', 'booth.noPoll': 'The link lacks the poll id (e.g. /booth/p-…).',
    'booth.poll': 'Poll', 'booth.place': 'Place', 'booth.date': 'Date', 'booth.status': 'Status',
    'booth.fingerprint': 'Poll fingerprint', 'booth.fingerprintHelp': 'Compare with the fingerprint posted at the conference: it must be identical.',
    'booth.fingerprintBad': 'The fingerprint does not match the published data. Do NOT vote; tell the counting committee now.',
    'booth.notOpen': 'Voting is not open (not yet, or already closed).',
    'booth.code': 'Access code', 'booth.codeHelp': 'The 17-character code on the slip you got at check-in (e.g. ABCD-EFGH-JKMN-PQRS-T).',
    'booth.codeSubmit': 'Get my ballot', 'booth.codeBad': 'The access code is mistyped (a character missing or wrong). Check it again.',
    'booth.gettingToken': 'Getting your ballot (blinded in this browser)…', 'booth.resuming': 'Resuming the session started on this device…',
    'booth.form': 'Confidence ballot', 'booth.formHelp': 'Mark exactly one box per person. A row left blank is not valid for that person.',
    'booth.col.stt': 'No.', 'booth.col.name': 'Full name', 'booth.col.position': 'Position', 'booth.col.unit': 'Unit',
    'booth.col.high': 'High confidence', 'booth.col.mid': 'Confidence', 'booth.col.low': 'Low confidence', 'booth.col.clear': 'Clear',
    'booth.encrypt': 'Encrypt ballot',
    'booth.blankTitle': 'Some rows are not marked',
    'booth.blankText': 'These people are not marked. Your ballot will be NOT VALID for them (the others still count):',
    'booth.blankConfirm': 'I understand; leave them blank', 'booth.blankBack': 'Go back and mark',
    'booth.encrypting': 'Encrypting and proving in your browser…',
    'booth.review': 'Your ballot is encrypted', 'booth.ballotHash': 'Ballot hash',
    'booth.reviewHelp': 'Cast it now, or challenge this encryption: its choices and randomness are revealed for you to check, it is discarded and the ballot is encrypted again.',
    'booth.cast': 'Cast ballot', 'booth.challenge': 'Challenge this encryption', 'booth.edit': 'Change choices',
    'booth.casting': 'Casting (anonymously)…',
    'booth.audit': 'Challenged encryption (never cast)',
    'booth.auditOk': 'Re-encrypting the revealed choices with the revealed randomness gives the same ciphertexts: the browser encrypted honestly.',
    'booth.auditBad': 'Check FAILED: the ciphertexts do not match the choices. Do not vote; tell the counting committee.',
    'booth.auditDownload': 'Download the challenged ballot (for cvote-verify --challenged)',
    'booth.auditFresh': 'The ballot was encrypted again with fresh randomness, below.',
    'booth.done': 'Your ballot has been recorded', 'booth.tracking': 'Tracking code',
    'booth.trackingHelp': 'Write this code down: look it up on the public bulletin board to be sure your ballot is counted.',
    'booth.receiptOk': 'The receipt carries a valid server signature.', 'booth.receiptBad': 'The receipt is NOT valid',
    'booth.receiptDownload': 'Download receipt',
    'booth.receiptFromBoard': 'The server\'s reply was lost, but your ballot is on the board (no signed receipt).', 'booth.onBoard': 'See it on the board',
    'booth.index': 'Position on the board',
    'booth.timing': 'Encrypt + prove time',
    'choice.HIGH': 'High confidence', 'choice.MID': 'Confidence', 'choice.LOW': 'Low confidence', 'choice.BLANK': 'Blank (not valid)',
    'err.wrong_access_code': 'This access code is not valid for this poll.',
    'err.token_already_issued': 'This access code has already been used to get a ballot.',
    'err.not_present': 'You are not checked in as present. Ask the secretariat.',
    'err.poll_not_open': 'Voting is not open.',
    'err.token_spent': 'This ballot has already been cast (its token is spent).',
    'err.too_many_requests': 'Too many attempts. Please wait a moment and retry.',
    'err.not_found': 'Not found.', 'err.unauthorized': 'Wrong user name or password, or the session has expired.',
    'err.wrong_state': 'Not possible in the current state.', 'err.no_quorum': 'Fewer than 2/3 of those summoned are present.',
    'err.invalid': 'Invalid input.',
    'board.title': 'Public bulletin board', 'board.count': 'Ballots collected', 'board.search': 'Find a tracking code',
    'board.searchBtn': 'Find', 'board.found': 'On the board: ballot number', 'board.notFound': 'No ballot with this tracking code.',
    'board.record': 'Download the published record (zip)', 'board.recordNotYet': 'The record is available once counted and published.',
    'board.pollId': 'Poll id', 'board.open': 'Open', 'board.col.index': 'No.', 'board.col.tracking': 'Tracking code', 'board.col.hash': 'Ballot hash',
    'console.title': 'Secretariat console', 'console.login': 'Log in', 'console.user': 'User name', 'console.password': 'Password',
    'console.logout': 'Log out', 'console.polls': 'Polls', 'console.newPoll': 'New poll',
    'console.pollTitle': 'Title', 'console.place': 'Place', 'console.date': 'Date', 'console.visibility': 'Results visible to',
    'console.vis.PARTICIPANTS': 'Participants', 'console.vis.PUBLIC': 'Public', 'console.create': 'Create',
    'console.subjects': 'Subjects (people rated)', 'console.subjectsCsv': 'Import CSV (name, position, unit)',
    'console.roster': 'Roster (summoned voters)', 'console.rosterCsv': 'Import CSV (name, unit)',
    'console.preview': 'Preview', 'console.import': 'Import', 'console.rows': 'rows',
    'console.attendance': 'Attendance', 'console.checkIn': 'Check in (or re-issue the code of) the selected and print access codes', 'console.print': 'Print code slips',
    'console.summoned': 'Summoned', 'console.present': 'Present', 'console.absent': 'Absent', 'console.atVoting': 'Present at voting',
    'console.quorum': 'Quorum met (≥ 2/3)', 'console.noQuorum': 'No quorum (≥ 2/3 must be present)',
    'console.committee': 'Counting committee and key ceremony', 'console.startCeremony': 'Start the key ceremony',
    'console.ceremonyWaiting': 'Waiting for the committee members to finish the key ceremony…',
    'console.ceremonyDone': 'Key ceremony done. Fingerprint:',
    'console.lifecycle': 'Open / close voting', 'console.open': 'Open voting', 'console.close': 'Close voting',
    'console.counts': 'Live figures', 'console.issued': 'Ballots issued (tokens)', 'console.collected': 'Ballots collected',
    'console.noPartial': 'No partial results: only the committee can decrypt the totals, after closing.',
    'console.results': 'Results and report', 'console.resultsLater': 'Available once the committee has counted.',
    'console.boothLink': 'Booth link', 'console.boardLink': 'Bulletin board',
    'console.select': 'Select', 'console.left': 'Left the conference', 'console.late': 'late',
    'console.markLeft': 'Mark the selected as having left',
    'verify.title': 'How to check the vote yourself',
  },
};

const KEY = 'cvote.lang';
export let lang = (() => {
  try { return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi'; } catch { return 'vi'; }
})();

/** @param {string} key @returns {string} */
export function t(key) {
  return DICT[lang][key] ?? DICT.vi[key] ?? key;
}

/** Applies the dictionary to the page, and shows only the [lang] blocks of the current language. */
export function apply(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder)); });
  root.querySelectorAll('[data-lang]').forEach((el) => { el.hidden = el.dataset.lang !== lang; });
}

/** Wires the language switch button (#lang) and applies the dictionary; onChange re-renders dynamic parts. */
export function setup(onChange = () => {}) {
  apply();
  const btn = document.getElementById('lang');
  if (btn) {
    btn.addEventListener('click', () => {
      lang = lang === 'vi' ? 'en' : 'vi';
      try { localStorage.setItem(KEY, lang); } catch { /* private mode */ }
      apply();
      onChange();
    });
  }
}
