/* Material for MkDocs 9.8.2: the inline script of partials/javascripts/base.html, in a file so that
 * the Content-Security-Policy can forbid inline script (see macros/theme/main.html). */
__md_scope=new URL(document.currentScript.getAttribute("data-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
