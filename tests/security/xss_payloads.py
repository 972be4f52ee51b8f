"""Stored-XSS payloads, generated from lists: each one, should it ever run, calls a marker with
its own number — `__xss('P042')` (recorded by the browser test) or `alert(42)` (caught as a
dialog) — so a failure names the payload that ran."""

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    number: int
    text: str

    @property
    def marker(self) -> str:
        return f"P{self.number:03d}"


# Script elements in every spelling, case and nesting; breakouts from the contexts a value may
# land in (attribute, <title>, <textarea>, JSON-LD, comments, CDATA).
SCRIPT_TEMPLATES = [
    "<script>{js}</script>",
    "<SCRIPT>{js}</SCRIPT>",
    "<ScRiPt>{js}</sCrIpT>",
    "<script >{js}</script >",
    "<script\n>{js}</script\n>",
    "<script\t>{js}</script>",
    "<script/x>{js}</script>",
    "<script type=text/javascript>{js}</script>",
    "<script type=module>{js}</script>",
    "<script language=javascript>{js}</script>",
    "<script>{js}//",
    "<script>{js}<!--",
    "<<script>script>{js}<</script>/script>",
    "<scr<script>ipt>{js}</scr</script>ipt>",
    "<scr\tipt>{js}</scr\tipt>",
    "<script src=data:text/javascript,{js}></script>",
    "<script src='data:text/javascript;base64,{b64}'></script>",
    "</title><script>{js}</script>",
    "</textarea><script>{js}</script>",
    "</style><script>{js}</script>",
    "</noscript><script>{js}</script>",
    '"><script>{js}</script>',
    "'><script>{js}</script>",
    "</script><script>{js}</script>",
    '"}}</script><script>{js}</script>',
    '\\"}}</script><script>{js}</script>',
    "\\u003c/script\\u003e\\u003cscript\\u003e{js}\\u003c/script\\u003e",
    "--></script><script>{js}</script>",
    "<!--<script>-->{js}<!--</script>-->",
    "<!--><script>{js}</script>-->",
    "]]><script>{js}</script>",
    "<![CDATA[<script>{js}</script>]]>",
    '<noscript><p title="</noscript><script>{js}</script>">',
    "<svg><script>{js}</script></svg>",
    "<svg><script href=data:,{js} />",
    "<math><mtext><script>{js}</script></mtext></math>",
    "<template><script>{js}</script></template>",
    "<xmp><script>{js}</script></xmp>",
    "<plaintext><script>{js}</script>",
]

# Event handlers on many tags, in several spellings.
EVENT_TEMPLATES = [
    "<img src=x onerror={js}>",
    "<IMG SRC=x OnErRoR={js}>",
    "<img/src=x/onerror={js}>",
    "<img src=x onerror\n={js}>",
    '<img src="x" onerror="{js}">',
    "<img src=x onerror='{js}'>",
    "<img src=x onerror=&#x5f;&#x5f;xss&#x28;'{marker}'&#x29;>",
    "<img src=x:x onerror=javascript:{js}>",
    "<image src=x onerror={js}>",
    "<svg onload={js}>",
    "<svg/onload={js}>",
    "<svg><g onload={js}></g></svg>",
    "<svg><animate onbegin={js} attributeName=x dur=1s>",
    "<svg><set onbegin={js} attributeName=x to=1>",
    "<body onload={js}>",
    "<body onpageshow={js}>",
    "<iframe onload={js}></iframe>",
    "<input autofocus onfocus={js}>",
    "<select autofocus onfocus={js}></select>",
    "<textarea autofocus onfocus={js}></textarea>",
    "<button autofocus onfocus={js}>x</button>",
    "<details open ontoggle={js}>",
    "<video src=x onerror={js}></video>",
    "<video><source onerror={js}></video>",
    "<audio src=x onerror={js}></audio>",
    "<object data=x onerror={js}></object>",
    "<marquee onstart={js}>x</marquee>",
    "<div onmouseover={js} style=position:fixed;inset:0>x</div>",
    "<a href=# onclick={js}>x</a>",
    "<p onpointerenter={js}>x</p>",
    "<style>@keyframes x{{}}</style><div style=animation-name:x onanimationstart={js}></div>",
    "<form><button formaction=x onfocus={js} autofocus>x</button></form>",
    "<table background=x onerror={js}>",
    "<link rel=stylesheet href=x onerror={js}>",
    '" onmouseover="{js}" x="',
    "' onfocus='{js}' autofocus x='",
    '"><img src=x onerror={js}>',
    "'><img src=x onerror={js}>",
    '" autofocus onfocus="{js}',
    "<img src=`x` onerror=`{js}`>",
    '<img src=x onerror="{js}"//',
    "<img src=x onerror=eval(atob('{b64}'))>",
]

# Ways to spell `javascript:` (and `data:`) in a URL: case, entities, tabs, newlines,
# leading control characters.
URL_SCHEMES = [
    "javascript:{js}",
    "JaVaScRiPt:{js}",
    "java\tscript:{js}",
    "java\nscript:{js}",
    "java\rscript:{js}",
    " javascript:{js}",
    "\x01javascript:{js}",
    "&#106;avascript:{js}",
    "&#x6A;avascript:{js}",
    "&#0000106&#0000097vascript:{js}",
    "jav&#x09;ascript:{js}",
    "javascript&colon;{js}",
    "data:text/html,<script>{js}</script>",
    "data:text/html;base64,{b64_html}",
]
# Where such a URL may be put.
URL_TEMPLATES = [
    '<a href="{url}">x</a>',
    '<iframe src="{url}"></iframe>',
    '<form action="{url}"><button>x</button></form>',
    '<object data="{url}"></object>',
    '<embed src="{url}">',
    '<svg><a xlink:href="{url}"><text y=20>x</text></a></svg>',
    '<math><maction actiontype="statusline" xlink:href="{url}">x</maction></math>',
]

# Everything else: <base>, <meta refresh>, frames with srcdoc, template syntax, CSS.
OTHER_TEMPLATES = [
    '<base href="javascript:{js}//">',
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    '<meta http-equiv="refresh" content="0;url=data:text/html;base64,{b64_html}">',
    '<meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'">'
    "<script>{js}</script>",
    '<iframe srcdoc="<script>{js}</script>"></iframe>',
    '<iframe srcdoc="&lt;script&gt;{js}&lt;/script&gt;"></iframe>',
    "<frameset onload={js}>",
    "{{{{ {js} }}}}",
    "{{% {js} %}}",
    "{{{{constructor.constructor('{js}')()}}}}",
    "${{{js}}}",
    "#{{{js}}}",
    "<%= {js} %>",
    '<div style="background:url(javascript:{js})">x</div>',
    '<div style="width:expression({js})">x</div>',
    "<style>@import 'javascript:{js}';</style>",
    '<style>body{{background:url("javascript:{js}")}}</style>',
    '<link rel=import href="data:text/html,<script>{js}</script>">',
    "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
    "<svg><foreignObject><iframe srcdoc='<script>{js}</script>'></iframe></foreignObject></svg>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='x' onerror='{js}'/></svg>#x\"/></svg>",
    "<isindex type=image src=x onerror={js}>",
    "<applet code=x onerror={js}>",
    '<a href="#" data-x="{js}" style="behavior:url(x.htc)">x</a>',
]


def _expand():
    yield from SCRIPT_TEMPLATES + EVENT_TEMPLATES + OTHER_TEMPLATES
    for url_template in URL_TEMPLATES:
        for scheme in URL_SCHEMES:
            yield url_template.replace("{url}", scheme)


def build() -> list[Payload]:
    payloads = []
    for number, template in enumerate(_expand(), start=1):
        marker = f"P{number:03d}"
        # Two of every three call the recorder, the third `alert`, caught as a dialog.
        js = f"alert({number})" if number % 3 == 0 else f"__xss('{marker}')"
        text = template.format(
            js=js,
            marker=marker,
            b64=base64.b64encode(js.encode()).decode(),
            b64_html=base64.b64encode(f"<script>{js}</script>".encode()).decode(),
        )
        payloads.append(Payload(number, text))
    return payloads


PAYLOADS = build()
