// Pages the simulated images serve, byte for byte. hello-kiamol serves the book's index.html
// (sixeyed/kiamol ch02/docker-images/hello-kiamol/html/index.html, 353 bytes with CRLF line
// endings: nginx logs `200 353` and busybox wget prints 353 for it). The nginx pages are the stock
// ones the official image ships (index.html 615 bytes, 50x.html 497 bytes) and nginx's built-in
// error page (ngx_http_special_response.c: CRLF, version in the tail).

/** kiamol/ch02-hello-kiamol: /usr/share/nginx/html/index.html */
export const HELLO_KIAMOL_HTML =
  "<html>\r\n  <body>\r\n    <h1>\r\n      Hello from Chapter 2!\r\n    </h1>\r\n    <h2>\r\n      This is\r\n      <a\r\n        href=\"https://www.manning.com/books/learn-kubernetes-in-a-month-of-lunches\"\r\n        >Learn Kubernetes in a Month of Lunches</a\r\n      >.\r\n    </h2>\r\n    <h3>By <a href=\"https://blog.sixeyed.com\">Elton Stoneman</a>.</h3>\r\n  </body>\r\n</html>\r\n";

/** nginx's stock /usr/share/nginx/html/index.html (the "Welcome to nginx!" page). */
export const NGINX_WELCOME_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's stock /usr/share/nginx/html/50x.html */
export const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** The status lines nginx's built-in error pages use (ngx_http_special_response.c). */
const NGINX_STATUS_TEXT: Record<number, string> = {
  301: '301 Moved Permanently',
  302: '302 Found',
  400: '400 Bad Request',
  403: '403 Forbidden',
  404: '404 Not Found',
  405: '405 Not Allowed',
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
};

/** nginx's built-in error page for a status, e.g. 153 bytes for 404 from `nginx/1.21.6`. */
export function nginxErrorPage(status: number, server: string): string {
  const title = NGINX_STATUS_TEXT[status] ?? `${status}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    `<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`
  );
}

/** /etc/nginx/conf.d/default.conf after 10-listen-on-ipv6-by-default.sh added the IPv6 listen. */
export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}
`;
