hostname
cat /usr/share/nginx/html/index.html | head -n 3
