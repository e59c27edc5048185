"""The ``outreach-xl`` command: a thin layer that parses arguments and calls one library function.

Library errors (``OutreachError``) become a Vietnamese message and exit code 2; findings with errors
exit 1. No traceback ever reaches a user: an unexpected error is reported as such, with how to ask
for help.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from outreach_xl import __version__
from outreach_xl.errors import OutreachError, unexpected_message

# argparse passes its own words through gettext; these are the ones a user can meet.
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
}
argparse._ = lambda text: _ARGPARSE_VI.get(text, text)  # type: ignore[attr-defined]

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Handler, str]] = {}


def command(name: str, help_text: str) -> Callable[[Handler], Handler]:
    """Register a sub-command; its docstring-free help is the Vietnamese line users read."""

    def register(func: Handler) -> Handler:
        COMMANDS[name] = (func, help_text)
        return func

    return register


def _out(text: str = "") -> None:
    print(text)


def _add_force(p: argparse.ArgumentParser) -> None:
    """``--force``: the one way to replace an earlier output; an input is never replaced."""
    p.add_argument(
        "--force",
        action="store_true",
        help="ghi đè tệp kết quả cũ (không bao giờ ghi đè tệp đầu vào)",
    )


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# --- new -----------------------------------------------------------------------------------------


@command("new", "Tạo tệp báo cáo trống của trường (hoặc tệp tổng hợp với --district)")
def cmd_new(args: argparse.Namespace) -> int:
    from outreach_xl.app.workbooks import new_workbook

    if args.previous is not None:
        from outreach_xl.app.carry import carry_workbook

        carried = carry_workbook(
            args.previous,
            args.output,
            district=args.district,
            year=args.year,
            force=args.force,
            macros=args.macros,
        )
        _out(f"Đã tạo: {carried.path}")
        _out(
            f"Tệp năm {carried.year} giữ lại thông tin chung, người ký, nơi nhận"
            + (" và danh sách trường" if args.district else ", nội dung và hình thức tuyên truyền")
            + f" của tệp «{Path(args.previous).name}»; số liệu, ngày tháng và kết quả để trống."
        )
        if carried.abolished:
            _out(
                f"Từ {carried.abolished_since} không còn cấp huyện, nhiều tỉnh đã hợp nhất, nhưng "
                f"tệp năm {carried.year} vẫn ghi tên cũ của năm trước: "
                + "; ".join(f"«{label}» ({value})" for label, value in carried.abolished)
                + ". Sửa theo cơ quan hiện nay (UBND xã, phường; Sở GD&ĐT) trước khi làm báo cáo."
            )
        if carried.previous_rollup:
            _out(
                f"Ô «Tệp tổng hợp năm trước» ghi sẵn «{carried.previous_rollup}»: tổng hợp năm "
                f"{carried.year} sẽ so sánh với năm {carried.previous_year}."
            )
        return 0
    path = new_workbook(
        args.output, district=args.district, year=args.year, force=args.force, macros=args.macros
    )
    _out(f"Đã tạo: {path}")
    return 0


def _args_new(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", type=Path, help="tên tệp hoặc thư mục (mặc định BaoCao_TTDN_<năm>.xlsm)"
    )
    p.add_argument("--district", action="store_true", help="tạo tệp tổng hợp của đơn vị")
    p.add_argument(
        "--year",
        type=int,
        help="năm báo cáo dùng trong tên tệp mặc định (với --from: năm của tệp mới, "
        "mặc định năm của tệp cũ + 1)",
    )
    p.add_argument(
        "--from",
        dest="previous",
        type=Path,
        help="tạo tệp cho năm sau từ tệp năm trước: giữ thông tin chung, người ký, nơi nhận, "
        "kênh và nội dung tuyên truyền; để trống số liệu, ngày tháng, kết quả",
    )
    p.add_argument(
        "--no-macros",
        dest="macros",
        action="store_false",
        help="tạo tệp .xlsx thường, không có nút bấm (dùng với các lệnh validate, report)",
    )
    _add_force(p)


# --- validate ------------------------------------------------------------------------------------


@command("validate", "Kiểm tra các tệp báo cáo của trường")
def cmd_validate(args: argparse.Namespace) -> int:
    from outreach_xl.app.check import check_files

    results = check_files(args.files)
    if args.json:
        _out(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            for line in result.lines():
                _out(line)
            _out()
    return max((r.exit_code for r in results), default=0)


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .xlsm")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON cho máy đọc")


# --- report --------------------------------------------------------------------------------------


@command("report", "Làm báo cáo Word (và PDF) của trường từ tệp đã điền")
def cmd_report(args: argparse.Namespace) -> int:
    from outreach_xl.app.school import make_school_report

    path = make_school_report(
        args.file, args.output, args.template, force=args.force, pdf=args.pdf, echo=_out
    )
    _out(f"Đã tạo báo cáo: {path}")
    if args.pdf:
        _out(f"Đã tạo PDF: {path.with_suffix('.pdf')}")
    return 0


def _args_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .xlsm của trường")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="tệp Word .docx (với --pdf có thể ghi tên .pdf) hoặc thư mục (mặc định "
        "BaoCao_TTDN_<năm>_<trường>.docx cạnh tệp)",
    )
    p.add_argument("--template", type=Path, help="mẫu Word riêng (xem HUONG_DAN_MAU.md)")
    p.add_argument("--pdf", action="store_true", help="tạo thêm tệp PDF (cần LibreOffice)")
    _add_force(p)


# --- demo ----------------------------------------------------------------------------------------


@command("demo", "Chạy thử trên dữ liệu mẫu: tạo tệp mẫu, kiểm tra, làm báo cáo")
def cmd_demo(args: argparse.Namespace) -> int:
    from outreach_xl.demo.run import run_demo
    from outreach_xl.errors import OutputError

    if args.folder.exists() and not args.folder.is_dir():
        raise OutputError(
            "Đã có một tệp trùng tên với thư mục ghi kết quả chạy thử",
            fix="Ghi tên một thư mục khác sau lệnh demo, ví dụ: outreach-xl demo thu-nghiem",
            file=str(args.folder),
        )
    return run_demo(args.folder, force=args.force, echo=_out)


def _args_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("outreach-xl-demo"),
        help="thư mục ghi kết quả (mặc định ./outreach-xl-demo)",
    )
    p.add_argument("--force", action="store_true", help="ghi đè các tệp của lần chạy trước")


# --- rollup, district-report ---------------------------------------------------------------------


@command("rollup", "Tổng hợp các tệp báo cáo của trường trong một thư mục")
def cmd_rollup(args: argparse.Namespace) -> int:
    from outreach_xl.app.district import run_rollup

    run = run_rollup(
        args.folder,
        args.register,
        args.output,
        recursive=args.recursive,
        force=args.force,
        progress=ProgressBar(shown=args.progress or sys.stderr.isatty(), then=WRITING),
        previous=args.previous,
    )
    for line in run.summary_lines():
        _out(line)
    return 0


def _args_rollup(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="thư mục chứa tệp .xlsx/.xlsm của các trường (mặc định: thư mục ghi ở trang «Cấu "
        "hình» của tệp tổng hợp, để trống thì thư mục của tệp đó)",
    )
    p.add_argument(
        "--register", required=True, type=Path, help="tệp tổng hợp của đơn vị (danh sách trường)"
    )
    p.add_argument(
        "-o", "--output", required=True, type=Path, help="tệp kết quả .xlsx, hoặc thư mục để ghi"
    )
    p.add_argument("--recursive", action="store_true", help="đọc cả các thư mục con")
    p.add_argument(
        "--previous",
        type=Path,
        action="append",
        help="tệp kết quả tổng hợp năm trước, để so sánh với năm trước (mặc định: tệp ghi ở ô "
        "«Tệp tổng hợp năm trước» trang «Cấu hình», nếu có); năm 2025, trường của đơn vị do "
        "nhiều phòng GD&ĐT cũ tổng hợp năm trước: ghi --previous cho tệp của từng phòng",
    )
    _add_force(p)
    p.add_argument(
        "--progress",
        action="store_true",
        help="luôn hiện tiến độ (số tệp mỗi giây, thời gian còn lại), cả khi không chạy trong "
        "cửa sổ lệnh",
    )


@command("district-report", "Làm báo cáo Word của đơn vị từ tệp tổng hợp (kết quả lệnh rollup)")
def cmd_district_report(args: argparse.Namespace) -> int:
    from outreach_xl.app.district import write_district_report

    path = write_district_report(args.rollup, args.register, args.output, force=args.force)
    _out(f"Đã tạo: {path}")
    return 0


def _args_district_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("rollup", type=Path, help="tệp kết quả của lệnh rollup")
    p.add_argument(
        "--register", required=True, type=Path, help="tệp tổng hợp của đơn vị (cấu hình, người ký)"
    )
    p.add_argument(
        "-o", "--output", required=True, type=Path, help="tệp báo cáo .docx, hoặc thư mục để ghi"
    )
    _add_force(p)


WRITING = "Đã đọc xong các tệp; đang tổng hợp và ghi tệp kết quả..."


class ProgressBar:
    """``[#####.....] 500/1000 tệp · 250 tệp/giây · còn khoảng 2 giây`` on stderr.

    On a terminal it is redrawn in place, and once the last file is read ``then`` (what happens
    next: writing the roll-up takes seconds for thousands of schools) is shown on a line of its
    own; elsewhere (``--progress`` into a log) one line is written at most every ``every_line``
    seconds. Redrawn at most every ``every`` seconds and on the last file: the merge calls it for
    every batch of files.
    """

    width = 30

    def __init__(
        self,
        *,
        shown: bool = True,
        every: float = 0.2,
        every_line: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        then: str = "",
    ) -> None:
        self.shown = shown
        self.clock = clock
        self.every = every
        self.every_line = every_line
        self.then = then
        self.start: float | None = None
        self.drawn = -1e9

    def __call__(self, done: int, total: int) -> None:
        if not self.shown or not total:
            return
        now = self.clock()
        if self.start is None:
            self.start = now
        in_place = sys.stderr.isatty()
        if done < total and now - self.drawn < (self.every if in_place else self.every_line):
            return
        self.drawn = now
        text = self.line(done, total, now - self.start)
        sys.stderr.write(f"\r{text}" if in_place else f"{text}\n")
        if in_place and done == total:
            sys.stderr.write(f"\n{self.then}\n" if self.then else "\n")
        sys.stderr.flush()

    def line(self, done: int, total: int, elapsed: float) -> str:
        filled = self.width * done // total
        text = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} tệp"
        if done and elapsed > 0:
            rate = done / elapsed
            text += f" · {rate:,.0f} tệp/giây".replace(",", ".")
            if done < total:
                left = (total - done) / rate
                text += f" · còn khoảng {_duration(left)}" if left >= 0.5 else " · sắp xong"
            else:
                text += f" · xong trong {_duration(elapsed)}"
        return text.ljust(self.width + 60) if sys.stderr.isatty() else text


def _duration(seconds: float) -> str:
    """``45 giây``, ``3 phút 05 giây``, ``1 giờ 02 phút``."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} giây"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} phút {secs:02d} giây"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} giờ {minutes:02d} phút"


ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "new": _args_new,
    "validate": _args_validate,
    "report": _args_report,
    "demo": _args_demo,
    "rollup": _args_rollup,
    "district-report": _args_district_report,
}


def parser() -> argparse.ArgumentParser:
    """The argument parser with every registered sub-command."""
    top = argparse.ArgumentParser(
        prog="outreach-xl",
        description="Báo cáo hoạt động thông tin đối ngoại: kiểm tra, tạo báo cáo Word, tổng hợp.",
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"outreach-xl {__version__}",
        help="hiện phiên bản rồi thoát",
    )
    subs = top.add_subparsers(dest="command", metavar="LỆNH")
    for name, (_, help_text) in COMMANDS.items():
        sub = subs.add_parser(name, help=help_text, description=help_text)
        ARGUMENTS[name](sub)
        for action in sub._actions:  # argparse shows dest names (English) where no metavar is set
            if action.metavar is None and action.dest in _METAVARS:
                action.metavar = _METAVARS[action.dest]
    return top


_METAVARS = {
    "output": "TỆP_KẾT_QUẢ",
    "register": "TỆP_TỔNG_HỢP",
    "folder": "THƯ_MỤC",
    "rollup": "TỆP_TỔNG_HỢP_KẾT_QUẢ",
    "template": "TỆP_MẪU",
    "year": "NĂM",
    "file": "TỆP",
    "previous": "TỆP_NĂM_TRƯỚC",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    _utf8_streams()
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return 2
    handler = COMMANDS[args.command][0]
    try:
        return handler(args)
    except OutreachError as exc:
        if getattr(args, "json", False):
            _out(json.dumps(exc.as_dict(), ensure_ascii=False, indent=2))
        else:
            _err(f"LỖI: {exc.user_message()}")
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head`, which stopped reading
        return 0
    except KeyboardInterrupt:
        _err("Đã dừng theo yêu cầu.")
        return 130
    except Exception:  # the last guard: a bug must still not show a traceback to a clerk
        _err(unexpected_message())
        return 3


def _utf8_streams() -> None:
    """Windows consoles default to a legacy code page that cannot print Vietnamese."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Any = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    raise SystemExit(main())
